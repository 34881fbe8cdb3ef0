"""The Telegram side of a conversation: Update → typed event → router → outbox, one session per update."""

from __future__ import annotations

import logging

from telegram import MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import router, users
from bot.context import Ctx
from bot.runtime import Runtime
from flows.events import CommandIn, EditedTextIn, Event, MediaIn, PressIn, TextIn

log = logging.getLogger(__name__)
MEDIA_KINDS = ("sticker", "photo", "voice", "video", "document", "location", "contact")


def to_event(update: Update, bot_username: str) -> Event | None:
    """Translate a private-chat update into a flow event; None for what we do not handle."""
    if update.callback_query is not None:
        data = update.callback_query.data
        return PressIn(data) if isinstance(data, str) else None
    edited = update.edited_message
    if edited is not None:
        # An edit can add a red flag ("...and my throat is closing"): screen it, but it answers nothing.
        ok = edited.chat.type == "private" and edited.text is not None and not edited.text.startswith("/")
        return EditedTextIn(edited.text) if ok else None
    message = update.message
    if message is None or message.chat.type != "private":
        return None
    if message.text is not None:
        entity = message.entities[0] if message.entities else None
        if entity is not None and entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            word = message.text[: entity.length]
            name, _, target = word[1:].partition("@")
            if target and bot_username and target.lower() != bot_username.lower():
                return None
            return CommandIn(name.lower(), message.text[entity.length :].strip())
        return TextIn(message.text)
    caption = message.caption or ""
    for kind in MEDIA_KINDS:
        if getattr(message, kind, None):
            return MediaIn(kind, caption)  # type: ignore[arg-type]
    return MediaIn("other", caption)


async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """PTB entry point for every update."""
    rt: Runtime = context.application.bot_data["rt"]
    try:
        await _handle(rt, update)
    finally:
        rt.updates_seen += 1


async def _handle(rt: Runtime, update: Update) -> None:
    event = to_event(update, rt.bot_username)
    tg_user, chat = update.effective_user, update.effective_chat
    if event is None or tg_user is None or chat is None:
        return
    pressed = None
    if update.callback_query is not None:
        pressed = update.callback_query.message.message_id if update.callback_query.message else None
        try:
            await update.callback_query.answer()
        except TelegramError as exc:
            log.info("callback answer failed update=%s error=%s", update.update_id, type(exc).__name__)
    now = rt.clock.now()
    async with rt.db.turn(), rt.db.session() as session:
        user = await users.ensure(
            session,
            telegram_id=tg_user.id,
            chat_id=chat.id,
            first_name=tg_user.first_name,
            username=tg_user.username,
            language=tg_user.language_code,
            now=now,
        )
        ctx = Ctx(rt, session, user, now, pressed_message_id=pressed)
        await router.dispatch(ctx, rt.registry, event)
        await ctx.flush()
        log.info("update handled update=%s user=%s event=%s", update.update_id, user.id, type(event).__name__)
    # Nothing more: the commit woke the sender (if we said something) and the timer (if we scheduled something).


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failing update by id only, and tell the person something went wrong."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update failed update=%s error=%s", update_id, type(context.error).__name__, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None or update.effective_user is None:
        return
    rt: Runtime = context.application.bot_data["rt"]
    try:
        from flows.messages import Message, T

        async with rt.db.turn(), rt.db.session() as session:
            user = await users.ensure(
                session,
                telegram_id=update.effective_user.id,
                chat_id=update.effective_chat.id,
                first_name=update.effective_user.first_name,
                username=update.effective_user.username,
                language=update.effective_user.language_code,
                now=rt.clock.now(),
            )
            ctx = Ctx(rt, session, user, rt.clock.now())
            ctx.reply(Message.say(T("general.error"), T("consent.emergency")))
            await ctx.flush()
    except Exception:
        log.exception("error reply failed update=%s", update_id)
