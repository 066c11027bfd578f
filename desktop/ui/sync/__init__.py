"""Sync in the window: joining at setup, the settings' sync section (no Qt in desktop/sync)."""
