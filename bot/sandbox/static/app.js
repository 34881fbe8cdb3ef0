// The sandbox page: people tabs, one transcript each, live updates, composer, clock and reset.

import * as api from "./api.js";
import { botNow, formatDay, setZone, showClock } from "./clock.js";
import { daySeparator, messageElement } from "./render.js";
import { askWho, confirmReset, showAlert, toast } from "./dialogs.js";

const $ = (id) => document.getElementById(id);
const page = {
  epoch: "", version: 0, bot: { username: "" }, people: [], commands: [], current: null,
  chats: new Map(), // person id -> Map(message_id -> message view)
  unread: new Map(),
};

let drawnFor = null; // whose chat the message list shows, to jump to the bottom on a switch
const person = (id) => page.people.find((p) => p.id === id);
const zoneOf = (id) => (person(id) || {}).zone || "UTC";

// --- drawing ------------------------------------------------------------------------------------

function drawPeople() {
  const nav = $("people");
  nav.replaceChildren(...page.people.map((p) => {
    const unread = page.unread.get(p.id) || 0;
    const tab = document.createElement("button");
    Object.assign(tab, { type: "button", id: `tab-${p.id}`, className: "tab" });
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", String(p.id === page.current));
    tab.setAttribute("aria-controls", "chat");
    tab.dataset.person = p.name;
    tab.append(`${p.name} `, Object.assign(document.createElement("span"), { className: "role", textContent: `(${p.role})` }));
    if (unread) {
      const badge = Object.assign(document.createElement("span"), { className: "badge", textContent: String(unread) });
      badge.setAttribute("aria-label", `${unread} unread`);
      tab.append(badge);
    }
    tab.addEventListener("click", () => select(p.id));
    return tab;
  }));
  $("chat").setAttribute("aria-labelledby", `tab-${page.current}`);
}

function context() {
  return {
    zone: zoneOf(page.current), botUsername: page.bot.username,
    onPress: pressButton, onLink: openLink, onCommand: (command) => sendText(command),
  };
}

function drawChat() {
  const list = $("messages");
  const ctx = context();
  const items = [];
  let lastDay = "";
  for (const view of [...(page.chats.get(page.current) || new Map()).values()].sort((a, b) => a.message_id - b.message_id)) {
    const day = formatDay(new Date(view.date * 1000), ctx.zone);
    if (day !== lastDay) items.push(daySeparator(day));
    lastDay = day;
    items.push(messageElement(view, ctx));
  }
  if (!items.length) {
    items.push(Object.assign(document.createElement("li"), { className: "empty", textContent: "No messages yet. Send /start to meet the bot." }));
  }
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren(...items);
  if (atBottom || drawnFor !== page.current) list.scrollTop = list.scrollHeight;
  drawnFor = page.current;
  const p = person(page.current);
  $("text-label").textContent = `Message as ${p ? p.name : ""}`;
  $("text").placeholder = p ? `Message as ${p.name}` : "Message";
}

function drawMenu() {
  $("menu-list").replaceChildren(...page.commands.map((c) => {
    const item = document.createElement("li");
    const button = Object.assign(document.createElement("button"), { type: "button", className: "command" });
    button.append(Object.assign(document.createElement("strong"), { textContent: `/${c.command}` }), ` ${c.description}`);
    button.addEventListener("click", () => { toggleMenu(false); sendText(`/${c.command}`); });
    item.append(button);
    return item;
  }));
}

function select(id) {
  page.current = id;
  page.unread.set(id, 0);
  setZone(zoneOf(id));
  drawPeople();
  drawChat();
}

// --- acting -------------------------------------------------------------------------------------

async function attempt(action) {
  try {
    return await action();
  } catch (err) {
    toast(err.status === 503 ? "The sandbox is restarting, try again in a moment." : `Not sent: ${err.message}`);
    return null;
  }
}

async function sendText(text) {
  if (!text.trim()) return;
  await attempt(() => api.send(page.current, text));
}

async function pressButton(view, button, node) {
  node.disabled = true;
  node.classList.add("pending");
  await attempt(() => api.press(view.chat_id, view.message_id, button.callback_data));
  setTimeout(() => { node.disabled = false; node.classList.remove("pending"); }, 1500);
}

async function openLink(url) {
  const who = await askWho(url, page.people, page.current);
  if (who === null) return;
  select(who);
  await attempt(() => api.openLink(who, url));
}

function toggleMenu(open) {
  $("menu").hidden = !open;
  $("menu-button").setAttribute("aria-expanded", String(open));
}

async function moveClock(action) {
  const buttons = document.querySelectorAll(".clock button");
  buttons.forEach((b) => { b.disabled = true; });
  const result = await attempt(action);
  buttons.forEach((b) => { b.disabled = false; });
  if (result) showClock(result, zoneOf(page.current));
}

// --- live updates -------------------------------------------------------------------------------

function remember(view) {
  const chat = page.chats.get(view.chat_id);
  if (!chat) return;
  const isNew = !chat.has(view.message_id);
  chat.set(view.message_id, view);
  // A counter of the bot's messages and edits, so scripted walkthroughs can wait for the bot's answer.
  if (view.from_bot) document.body.dataset.botActivity = String(Number(document.body.dataset.botActivity || 0) + 1);
  if (isNew && view.from_bot && view.chat_id !== page.current) {
    page.unread.set(view.chat_id, (page.unread.get(view.chat_id) || 0) + 1);
    drawPeople();
  }
}

function apply(event) {
  if (event.type === "message" || event.type === "edit") remember(event.message);
  else if (event.type === "delete") (page.chats.get(event.chat_id) || new Map()).delete(event.message.message_id);
  else if (event.type === "callback_answer" && event.query.text && event.chat_id === page.current) {
    if (event.query.show_alert) showAlert(event.query.text);
    else toast(event.query.text);
  } else if (event.type === "chat_action" && event.chat_id === page.current) {
    $("bot-status").textContent = "typing…";
    setTimeout(() => { $("bot-status").textContent = "bot"; }, 3000);
  } else if (event.type === "commands" || event.type === "clock") return true;
  return false;
}

async function load() {
  const state = await api.state();
  Object.assign(page, { epoch: state.epoch, version: state.version, bot: state.bot, people: state.people, commands: state.commands });
  const transcripts = await Promise.all(state.people.map((p) => api.transcript(p.id)));
  page.chats = new Map(state.people.map((p, i) => [p.id, new Map(transcripts[i].messages.map((m) => [m.message_id, m]))]));
  if (!person(page.current)) page.current = state.people[0].id;
  $("bot-name").textContent = state.bot.first_name;
  showClock(state.clock, zoneOf(page.current));
  drawMenu();
  select(page.current);
}

async function refreshState() {
  const state = await api.state();
  Object.assign(page, { people: state.people, commands: state.commands });
  showClock(state.clock, zoneOf(page.current));
  drawMenu();
}

function setStatus(text) {
  $("status").hidden = !text;
  $("status").textContent = text || "";
}

async function follow() {
  for (;;) {
    try {
      const feed = await api.changes(page.epoch, page.version);
      setStatus("");
      if (feed.reset) {
        page.unread.clear();
        await load();
        continue;
      }
      page.version = feed.version;
      let refresh = false;
      for (const event of feed.events) refresh = apply(event) || refresh;
      if (refresh) await refreshState();
      if (feed.events.length) drawChat();
    } catch {
      setStatus("Connecting to the sandbox…");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

// --- wiring -------------------------------------------------------------------------------------

function wire() {
  const text = $("text");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = text.value;
    text.value = "";
    sendText(value);
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("menu-button").addEventListener("click", () => toggleMenu($("menu").hidden));
  $("attach").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    const data = await file.arrayBuffer();
    const base64 = btoa(Array.from(new Uint8Array(data), (b) => String.fromCharCode(b)).join(""));
    const kind = file.type.startsWith("image/") ? "photo" : "document";
    await attempt(() => api.media(page.current, { kind, data_base64: base64, file_name: file.name, mime_type: file.type || undefined }));
  });
  for (const button of document.querySelectorAll("[data-minutes]")) {
    button.addEventListener("click", () => moveClock(() => api.advance(Number(button.dataset.minutes))));
  }
  $("next-event").addEventListener("click", () => moveClock(api.nextEvent));
  $("reset").addEventListener("click", async () => {
    if (!(await confirmReset())) return;
    setStatus("Starting again…");
    await attempt(api.reset);
  });
}

wire();
load().catch(() => setStatus("Connecting to the sandbox…")).finally(follow);
window.sandboxBotNow = botNow; // for tests and curious people in the console
