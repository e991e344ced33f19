from clearpath.appconfig import ClearpathApp


class JobsConfig(ClearpathApp):
    name = "clearpath.platform.jobs"
    label = "jobs"
    verbose_name = "Jobs: the worker that runs the job queue"
    stage = 1
