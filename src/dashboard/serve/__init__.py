"""Running the app for many visitors: N Streamlit processes behind nginx
(`bash scripts/dev.sh serve N`, see README "Running for many visitors")."""
