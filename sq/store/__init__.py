"""Store: the one loader of the built store, and exports of what it holds."""
