"""The staff workflow without Streamlit: sign-in, a versioned store, diffs and uploads.

The Streamlit page (src/dashboard/ui/pages/staff_page.py) is a thin layer over these
modules; tests drive them directly and from separate processes.
"""
