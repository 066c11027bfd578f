"""Anonymous figures for coordinators: computed from the synced records with the shared
``figures`` package, merged with the signed files of CPAS that do not sync, and served only
as suppressed aggregates within a coordinator's scope."""
