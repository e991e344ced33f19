"""Steps the browser journeys share."""


def sign_in(cp, username: str, password: str = "correct horse battery"):
    """Sign in through the real sign-in page (axe-checked before and after)."""
    page = cp.goto("/sign-in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:has-text('Sign in')")
    cp.check()
    return page
