"""Sync in the window: joining at setup, the settings' sync section, status, scheduler, panel,
conflicts and problems (the logic without Qt is in desktop/sync)."""
