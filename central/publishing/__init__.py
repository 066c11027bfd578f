"""A coordinator's regional directory of partner services, published from the central into
the stream of every organisation of the region or province (docs/sync-protocol.md,
"Regional directory")."""
