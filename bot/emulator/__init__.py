"""A local Telegram Bot API emulator: drive the real PTB bot over HTTP while simulated users chat with it."""

from .emulator import DEFAULT_TOKEN, Emulator
from .errors import ApiError
from .models import CallbackQuery, Message, StoredFile, User
from .state import Event
from .users import SimUser

__all__ = ["DEFAULT_TOKEN", "ApiError", "CallbackQuery", "Emulator", "Event", "Message", "SimUser", "StoredFile",
           "User"]
