"""The dashboard pages (thin: widgets in, sq builders out, st.* to render).

Not called `pages/`: Streamlit 1.67 runs an app with a `pages/` folder beside the entry point in
its old multipage mode until `st.navigation` has run once in the server, so a deep link opened
first on a fresh server got a sidebar listing file names. `app.py` routes with `st.navigation`.
"""
