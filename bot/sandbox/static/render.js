// Drawing one chat message: bubble, text with clickable links and /commands, media, inline keyboard.

import { formatTime } from "./clock.js";

const TOKENS = /(https?:\/\/[^\s<>"]+|tg:\/\/[^\s<>"]+)|((?<![\w/])\/[a-z][a-z0-9_]{0,31}\b)/gi;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export const fileUrl = (path) => path.replace("/_emu/files/", "/api/files/");

export function isBotLink(url, botUsername) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "tg:") return (parsed.searchParams.get("domain") || "").toLowerCase() === botUsername.toLowerCase();
    return ["t.me", "telegram.me"].includes(parsed.hostname) &&
      parsed.pathname.replace(/\//g, "").toLowerCase() === botUsername.toLowerCase();
  } catch {
    return false;
  }
}

function linkOrCommand(token, isUrl, ctx) {
  if (!isUrl) {
    return el("button", { type: "button", class: "inline-command", title: `Send ${token}`, onclick: () => ctx.onCommand(token) }, token);
  }
  const trimmed = token.replace(/[.,;:!?)]+$/, "");
  const link = el("a", { href: trimmed, target: "_blank", rel: "noopener noreferrer" }, trimmed);
  if (isBotLink(trimmed, ctx.botUsername)) {
    link.classList.add("deep-link");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      ctx.onLink(trimmed);
    });
  }
  return [link, token.slice(trimmed.length)];
}

function richText(text, ctx) {
  const out = el("p", { class: "text" });
  let last = 0;
  for (const match of text.matchAll(TOKENS)) {
    out.append(text.slice(last, match.index));
    const made = linkOrCommand(match[0], Boolean(match[1]), ctx);
    out.append(...(Array.isArray(made) ? made : [made]));
    last = match.index + match[0].length;
  }
  out.append(text.slice(last));
  return out;
}

function mediaPart(view) {
  const file = view.files && view.files.length ? fileUrl(view.files[view.files.length - 1]) : null;
  if (view.photo) {
    return file ? el("img", { class: "photo", src: file, alt: view.caption || "Photo" }) : el("p", { class: "media" }, "🖼 Photo");
  }
  if (view.document) {
    const name = view.document.file_name || "file";
    return file
      ? el("a", { class: "document", href: file, download: name }, `📄 ${name}`)
      : el("p", { class: "media" }, `📄 ${name}`);
  }
  if (view.sticker) return el("p", { class: "sticker", role: "img", "aria-label": "Sticker" }, view.sticker.emoji || "🙂");
  if (view.voice) return el("p", { class: "media" }, "🎤 Voice message");
  return null;
}

function keyboard(view, ctx) {
  if (!view.buttons || !view.buttons.length) return null;
  const rows = view.buttons.map((row) =>
    el("div", { class: "row" }, ...row.map((button) => {
      if (button.url) {
        const ours = isBotLink(button.url, ctx.botUsername);
        const onclick = ours ? (event) => { event.preventDefault(); ctx.onLink(button.url); } : undefined;
        return el("a", { class: "key", href: button.url, target: "_blank", rel: "noopener noreferrer", ...(onclick ? { onclick } : {}) },
          button.text, " ↗");
      }
      return el("button", { type: "button", class: "key", onclick: (event) => ctx.onPress(view, button, event.currentTarget) }, button.text);
    })));
  return el("div", { class: "keyboard", role: "group", "aria-label": "Buttons" }, ...rows);
}

export function messageElement(view, ctx) {
  const when = new Date(view.date * 1000);
  const content = view.text ?? view.caption ?? "";
  const meta = el("span", { class: "meta" },
    view.edited ? el("span", { class: "edited" }, "edited ") : null,
    el("time", { datetime: when.toISOString() }, formatTime(when, ctx.zone)));
  const bubble = el("div", { class: "bubble" },
    el("span", { class: "sr-only" }, view.from_bot ? "Bot: " : "You: "),
    mediaPart(view), content ? richText(content, ctx) : null, meta);
  return el("li", { class: `msg ${view.from_bot ? "bot" : "user"}`, "data-message-id": String(view.message_id) },
    bubble, view.from_bot ? keyboard(view, ctx) : null);
}

export function daySeparator(label) {
  return el("li", { class: "day", role: "separator" }, el("span", {}, label));
}
