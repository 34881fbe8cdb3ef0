"""Bot API methods about the bot itself: identity, updates, webhook, commands, menu button, chats."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .errors import ApiError, Described, bad_request
from .messaging import find_chat
from .models import Json
from .params import Params
from .registry import api

if TYPE_CHECKING:
    from .emulator import Emulator

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


@api("getMe")
async def get_me(emu: Emulator, p: Params) -> Json:
    """getMe."""
    return emu.get_me()


@api("getUpdates")
async def get_updates(emu: Emulator, p: Params) -> list[Json]:
    """getUpdates long polling; 409 while a webhook is set."""
    if emu.webhook.active:
        raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                            "use deleteWebhook to delete the webhook first")
    emu.updates.set_allowed(p.obj("allowed_updates"))
    limit = min(100, max(1, p.integer("limit", 100) or 100))
    timeout = max(0.0, p.number("timeout", 0.0))
    return await emu.updates.get_updates(p.integer("offset"), limit, timeout)


@api("setWebhook")
async def set_webhook(emu: Emulator, p: Params) -> Described:
    """setWebhook; plain http URLs are accepted since the emulator runs locally."""
    url = p.string("url") or ""
    secret = p.string("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    emu.updates.set_allowed(p.obj("allowed_updates"))
    if p.flag("drop_pending_updates"):
        emu.updates.drop_pending()
    if not url:
        was_set = emu.webhook.active
        await emu.webhook.delete()
        return Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")
    if url == emu.webhook.url and secret == emu.webhook.secret_token:
        return Described(True, "Webhook is already set")
    await emu.webhook.set(url, secret, p.integer("max_connections", 40) or 40, p.string("ip_address"))
    emu.state.record("webhook", None, url=url)
    return Described(True, "Webhook was set")


@api("deleteWebhook")
async def delete_webhook(emu: Emulator, p: Params) -> Described:
    """deleteWebhook."""
    if p.flag("drop_pending_updates"):
        emu.updates.drop_pending()
    was_set = emu.webhook.active
    await emu.webhook.delete()
    if was_set:
        emu.state.record("webhook", None, url="")
    return Described(True, "Webhook was deleted" if was_set else "Webhook is already deleted")


@api("getWebhookInfo")
async def get_webhook_info(emu: Emulator, p: Params) -> Json:
    """getWebhookInfo."""
    return emu.webhook.info()


def _commands_key(p: Params) -> str:
    # Same key as State.commands_for
    scope = p.obj("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps([scope, p.string("language_code") or ""], sort_keys=True)


@api("setMyCommands")
async def set_my_commands(emu: Emulator, p: Params) -> bool:
    """setMyCommands per scope and language."""
    commands = p.obj("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("command description must be non-empty")
    key = _commands_key(p)
    emu.state.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
    emu.state.record("commands", None, key=key)
    return True


@api("getMyCommands")
async def get_my_commands(emu: Emulator, p: Params) -> list[Json]:
    """getMyCommands for exactly that scope and language."""
    return list(emu.state.commands.get(_commands_key(p), []))


@api("deleteMyCommands")
async def delete_my_commands(emu: Emulator, p: Params) -> bool:
    """deleteMyCommands."""
    emu.state.commands.pop(_commands_key(p), None)
    return True


@api("setChatMenuButton")
async def set_chat_menu_button(emu: Emulator, p: Params) -> bool:
    """setChatMenuButton for one chat or as the default."""
    button = p.obj("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button JSON object")
    if "chat_id" in p:
        find_chat(emu, p).menu_button = button
    else:
        emu.state.default_menu_button = {"type": "commands"} if button["type"] == "default" else button
    return True


@api("getChatMenuButton")
async def get_chat_menu_button(emu: Emulator, p: Params) -> Json:
    """getChatMenuButton."""
    if "chat_id" in p:
        button = find_chat(emu, p).menu_button
        if button and button.get("type") != "default":
            return button
    return emu.state.default_menu_button


@api("getChat")
async def get_chat(emu: Emulator, p: Params) -> Json:
    """getChat: a ChatFullInfo for a private chat."""
    chat = find_chat(emu, p)
    gifts = {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
             "premium_subscription": False, "gifts_from_channels": False}
    return {**chat.user.private_chat(), "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": gifts}


@api("setMyDescription", "setMyShortDescription", "setMyName")
async def set_profile_text(emu: Emulator, p: Params) -> bool:
    """setMyName / setMyDescription / setMyShortDescription, stored per language."""
    for field in ("name", "description", "short_description"):
        if field in p:
            emu.profile[(field, p.string("language_code") or "")] = p.string(field) or ""
    return True


def _profile_getter(field: str) -> Any:
    async def get(emu: Emulator, p: Params) -> Json:
        default = emu.bot.first_name if field == "name" else ""
        return {field: emu.profile.get((field, p.string("language_code") or ""), default)}
    get.__doc__ = f"get {field}."
    return get


for _field, _method in (("name", "getMyName"), ("description", "getMyDescription"),
                        ("short_description", "getMyShortDescription")):
    api(_method)(_profile_getter(_field))


@api("close", "logOut")
async def close(emu: Emulator, p: Params) -> bool:
    """close / logOut: accepted and logged; the emulator keeps serving."""
    return True
