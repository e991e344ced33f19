from clearpath.appconfig import ClearpathApp


class ContactsConfig(ClearpathApp):
    name = "clearpath.journey.contacts"
    label = "contacts"
    stage = 20
    urls = {"": "urls"}
