"""Sync in the window: status, scheduler, panel, conflicts and problems."""
