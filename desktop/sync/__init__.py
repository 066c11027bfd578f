"""Sync with the central endpoint (docs/sync-protocol.md): transport, retries, device
credentials, outbox and engine. No Qt."""
