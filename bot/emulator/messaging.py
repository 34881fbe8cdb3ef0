"""Bot API methods that put things in a chat: send, edit, delete, answer callbacks, files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import bad_request, forbidden
from .files import file_info, media_object, store_input
from .formatting import parse, utf16_len
from .models import Json, Message
from .params import Params
from .registry import Handler, api
from .state import Chat

if TYPE_CHECKING:
    from .emulator import Emulator

NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the same "
                "as a current content and reply markup of the message")
_ACTIONS = frozenset({"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                      "upload_document", "choose_sticker", "find_location", "record_video_note",
                      "upload_video_note"})
_BUTTON_ACTIONS = ("callback_data", "url", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
                   "switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text")


# --- shared validation ----------------------------------------------------------------------------

def find_chat(emu: Emulator, p: Params) -> Chat:
    """The private chat named by chat_id, or Telegram's 'chat not found'."""
    chat_id = p.chat_id()
    chat = None
    if isinstance(chat_id, int):
        chat = emu.state.chat(chat_id)
    if chat is None:
        raise bad_request("chat not found")
    return chat


def check_can_send(emu: Emulator, chat: Chat, method: str) -> None:
    """Blocked user, never-started chat and flood control, in that order."""
    emu.faults.check_blocked(chat.user.id)
    if not chat.started:
        raise forbidden("bot can't initiate conversation with a user")
    emu.faults.check_flood(method, chat.user.id)


def formatted(p: Params, field: str, limit: int, required: bool) -> tuple[str | None, list[Json]]:
    """Parse text or caption with parse_mode / explicit entities and enforce Telegram's limits."""
    raw = p.string(field)
    entities_field = "entities" if field == "text" else "caption_entities"
    if raw is None or (required and not raw.strip()):
        if required:
            raise bad_request("message text is empty")
        return None, []
    explicit = p.obj(entities_field)
    text, entities = (raw, list(explicit)) if explicit else parse(raw, p.string("parse_mode"))
    if required and not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > limit:
        raise bad_request("message is too long" if field == "text" else "message caption is too long")
    return text, entities


def reply_markup(p: Params, inline_only: bool = False) -> Json | None:
    """Validate reply_markup the way Telegram rejects malformed keyboards."""
    markup = p.obj("reply_markup", "reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        for button in (b for row in rows for b in row):
            _check_button(button)
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup or markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Field \"text\" must be of type String")
    actions = [a for a in _BUTTON_ACTIONS if a in button]
    if not actions:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if "callback_data" in button and (not isinstance(data, str) or not 1 <= len(data.encode()) <= 64):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if "url" in button and (not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://"))):
        raise bad_request("BUTTON_URL_INVALID")


def reply_target(p: Params, chat: Chat) -> Message | None:
    """The message being replied to, from reply_parameters or the legacy reply_to_message_id."""
    params = p.obj("reply_parameters") or {}
    message_id = params.get("message_id") or p.integer("reply_to_message_id")
    if not message_id:
        return None
    target = chat.find(int(message_id))
    lenient = params.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply")
    if target is None and not lenient:
        raise bad_request("message to be replied not found")
    return target


def target_message(emu: Emulator, p: Params, verb: str = "edit") -> tuple[Chat, Message]:
    """chat_id + message_id of an existing bot message to change."""
    if "inline_message_id" in p:
        raise bad_request("MESSAGE_ID_INVALID")
    chat = find_chat(emu, p)
    message_id = p.integer("message_id", missing="message identifier is not specified")
    message = chat.find(message_id or 0)
    if message is None:
        raise bad_request(f"message to {verb} not found")
    if verb == "edit" and not message.from_bot:
        raise bad_request("message can't be edited")
    return chat, message


def _keep_non_inline(message: Message, new_inline: Json | None) -> Json | None:
    # A reply keyboard belongs to the chat, not the message, so edits leave it alone
    if message.markup and "inline_keyboard" not in message.markup:
        return message.markup if new_inline is None else new_inline
    return new_inline


def _inline_of(message: Message) -> Json | None:
    return message.markup if message.markup and "inline_keyboard" in message.markup else None


# --- methods --------------------------------------------------------------------------------------

@api("sendMessage")
async def send_message(emu: Emulator, p: Params) -> Json:
    """sendMessage."""
    chat = find_chat(emu, p)
    text, entities = formatted(p, "text", 4096, required=True)
    markup = reply_markup(p)
    reply_to = reply_target(p, chat)
    preview = p.obj("link_preview_options")
    if preview is None and p.flag("disable_web_page_preview"):
        preview = {"is_disabled": True}
    check_can_send(emu, chat, "sendmessage")
    message = emu.state.add_message(chat, True, text=text, entities=entities, markup=markup, reply_to=reply_to,
                                    link_preview_options=preview)
    return message.to_api()


def _media_sender(kind: str) -> Handler:
    async def send(emu: Emulator, p: Params) -> Json:
        chat = find_chat(emu, p)
        caption, caption_entities = formatted(p, "caption", 1024, required=False)
        markup = reply_markup(p)
        reply_to = reply_target(p, chat)
        stored = store_input(emu.state, p.input_file(kind), kind)
        check_can_send(emu, chat, f"send{kind}")
        media = media_object(stored, kind, duration=p.integer("duration"), emoji=p.string("emoji"),
                             width=p.integer("width"), height=p.integer("height"))
        message = emu.state.add_message(chat, True, caption=caption, caption_entities=caption_entities,
                                        markup=markup, reply_to=reply_to, media=media, files=[stored.file_id])
        return message.to_api()
    send.__doc__ = f"send{kind.title()}."
    return send


for _kind in ("photo", "document", "voice", "sticker", "audio", "video", "animation"):
    api(f"send{_kind}")(_media_sender(_kind))


@api("editMessageText")
async def edit_message_text(emu: Emulator, p: Params) -> Json:
    """editMessageText; without reply_markup the inline keyboard is removed, as on Telegram."""
    chat, message = target_message(emu, p)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted(p, "text", 4096, required=True)
    markup = reply_markup(p, inline_only=True)
    if text == message.text and entities == message.entities and markup == _inline_of(message):
        raise bad_request(NOT_MODIFIED)
    emu.faults.check_blocked(chat.user.id)
    preview = p.obj("link_preview_options") or message.link_preview_options
    emu.state.edit_message(message, text=text, entities=entities, markup=_keep_non_inline(message, markup),
                           link_preview_options=preview)
    return message.to_api()


@api("editMessageCaption")
async def edit_message_caption(emu: Emulator, p: Params) -> Json:
    """editMessageCaption."""
    chat, message = target_message(emu, p)
    if not message.media:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = formatted(p, "caption", 1024, required=False)
    markup = reply_markup(p, inline_only=True)
    if caption == message.caption and entities == message.caption_entities and markup == _inline_of(message):
        raise bad_request(NOT_MODIFIED)
    emu.faults.check_blocked(chat.user.id)
    emu.state.edit_message(message, caption=caption, caption_entities=entities,
                           markup=_keep_non_inline(message, markup))
    return message.to_api()


@api("editMessageReplyMarkup")
async def edit_message_reply_markup(emu: Emulator, p: Params) -> Json:
    """editMessageReplyMarkup; no reply_markup means remove the keyboard."""
    chat, message = target_message(emu, p)
    markup = reply_markup(p, inline_only=True)
    if markup == _inline_of(message):
        raise bad_request(NOT_MODIFIED)
    emu.faults.check_blocked(chat.user.id)
    emu.state.edit_message(message, markup=_keep_non_inline(message, markup))
    return message.to_api()


@api("deleteMessage")
async def delete_message(emu: Emulator, p: Params) -> bool:
    """deleteMessage: bots may delete both sides of a private chat."""
    _, message = target_message(emu, p, verb="delete")
    emu.state.delete_message(message)
    return True


@api("deleteMessages")
async def delete_messages(emu: Emulator, p: Params) -> bool:
    """deleteMessages: missing ids are skipped silently, as on Telegram."""
    chat = find_chat(emu, p)
    ids = p.obj("message_ids")
    if not isinstance(ids, list) or not ids:
        raise bad_request("message identifiers are not specified")
    for message_id in ids:
        message = chat.find(int(message_id))
        if message is not None:
            emu.state.delete_message(message)
    return True


@api("answerCallbackQuery")
async def answer_callback_query(emu: Emulator, p: Params) -> bool:
    """answerCallbackQuery; each query can be answered once."""
    query = emu.state.queries.get(p.string("callback_query_id") or "")
    if query is None or query.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.string("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered, query.text, query.show_alert = True, text, p.flag("show_alert")
    query.url, query.cache_time = p.string("url"), p.integer("cache_time")
    emu.state.record("callback_answer", query.chat_id, query=query.to_view())
    return True


@api("sendChatAction")
async def send_chat_action(emu: Emulator, p: Params) -> bool:
    """sendChatAction: recorded for the sandbox, not shown in the transcript."""
    chat = find_chat(emu, p)
    action = p.string("action")
    if action not in _ACTIONS:
        raise bad_request("wrong parameter action in request")
    emu.faults.check_blocked(chat.user.id)
    emu.state.record("chat_action", chat.user.id, action=action)
    return True


@api("getFile")
async def get_file(emu: Emulator, p: Params) -> Json:
    """getFile: the path to download from /file/bot<token>/<file_path>."""
    return file_info(emu.state, p.string("file_id"))
