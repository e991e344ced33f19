from clearpath.appconfig import ClearpathApp


class LettersConfig(ClearpathApp):
    name = "clearpath.journey.letters"
    label = "letters"
    stage = 45
    urls = {"": "urls"}
