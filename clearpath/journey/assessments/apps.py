from clearpath.appconfig import ClearpathApp


class AssessmentsConfig(ClearpathApp):
    name = "clearpath.journey.assessments"
    label = "assessments"
    stage = 30
    urls = {"": "urls"}
