// Small dialogs: "open this link as…", the reset confirmation, the bot's alerts and passing notices.

const $ = (id) => document.getElementById(id);

function answer(dialog) {
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

export async function askWho(url, people, current) {
  $("open-as-url").textContent = url;
  const ordered = [...people].sort((a, b) => (b.id === current) - (a.id === current));
  $("open-as-people").replaceChildren(...ordered.map((p) => {
    const button = Object.assign(document.createElement("button"), { value: String(p.id), textContent: `${p.name} (${p.role})` });
    if (p.id === current) button.autofocus = true;
    return button;
  }));
  const chosen = await answer($("open-as"));
  return chosen && chosen !== "cancel" ? Number(chosen) : null;
}

export async function confirmReset() {
  return (await answer($("reset-dialog"))) === "reset";
}

export function showAlert(text) {
  $("alert-text").textContent = text;
  $("alert-dialog").showModal();
}

let hideToast = null;

export function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(hideToast);
  hideToast = setTimeout(() => { node.hidden = true; }, 4000);
}
