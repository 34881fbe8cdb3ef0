// The clock panel: the bot's fast-forwarded time, shown in the selected person's time zone, ticking locally.

const $ = (id) => document.getElementById(id);
let shown = null; // {now: Date, at: performance.now(), offset, next, zone}

function format(date, zone, options) {
  try {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone }).format(date);
  } catch {
    return new Intl.DateTimeFormat("en-GB", options).format(date); // unknown zone: the browser's own
  }
}

export function formatInstant(date, zone, withYear = false) {
  const options = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return format(date, zone, withYear ? { ...options, year: "numeric" } : options);
}

export const formatDay = (date, zone) =>
  format(date, zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

export const formatTime = (date, zone) => format(date, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function duration(seconds) {
  const parts = [];
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes || !parts.length) parts.push(`${minutes} min`);
  return parts.join(" ");
}

export function showClock(clock, zone) {
  shown = { now: new Date(clock.now), at: performance.now(), offset: clock.offset_seconds, next: clock.next_due, zone };
  render();
}

export function setZone(zone) {
  if (shown) {
    shown.zone = zone;
    render();
  }
}

export function botNow() {
  return shown ? new Date(shown.now.getTime() + performance.now() - shown.at) : new Date();
}

function render() {
  if (!shown) return;
  const now = botNow();
  const el = $("clock-now");
  el.textContent = `${formatInstant(now, shown.zone, true)} (${shown.zone})`;
  el.dateTime = now.toISOString();
  $("clock-offset").textContent = shown.offset > 0 ? `${duration(shown.offset)} ahead of real time` : "real time";
  $("clock-next").textContent = shown.next ? `next due ${formatInstant(new Date(shown.next), shown.zone)}` : "nothing scheduled";
}

setInterval(render, 10_000);
