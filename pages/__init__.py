"""The dashboard's pages (thin: widgets in, sq builders out, st.* to render)."""
