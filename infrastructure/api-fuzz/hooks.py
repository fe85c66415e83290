"""The rules of openapi.yaml that a JSON Schema cannot state, taught to schemathesis (loaded by api-fuzz).

Each rule is in the document's prose too. A rule only brings a request the document calls valid in line with
it; a request schemathesis made invalid on purpose (a mutated id, a malformed date) is left as it is. The rules
apply to generated requests (`map_case`) and to the document's own examples (`before_add_examples`), whose
values schemathesis combines across fields and parameters.
"""

import datetime
import os
import re
import zoneinfo

import schemathesis

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PROGRAMME_START = datetime.date.fromisoformat(os.environ.get("PROGRAMME_START", "2018-12-01"))
REPORTING_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")


def amend_the_registration_the_path_names(case):
    """An amendment's body carries the id of its path (the form sends back the registration it read)."""
    body, path = case.body, case.path_parameters or {}
    if isinstance(body, dict) and UUID.match(str(body.get("id", ""))) and UUID.match(str(path.get("id", ""))):
        body["id"] = path["id"]
    date_the_contact_within_the_programme(case)


def date_the_contact_within_the_programme(case):
    """contactDate runs from the programme's start to today in the reporting time zone.

    A date the schema generates outside that span is moved into it by its day number modulo the span.
    """
    body = case.body
    if not isinstance(body, dict) or not isinstance(body.get("contactDate"), str):
        return
    try:
        date = datetime.date.fromisoformat(body["contactDate"])
    except ValueError:
        return
    today = datetime.datetime.now(REPORTING_ZONE).date()
    if not PROGRAMME_START <= date <= today:
        span = (today - PROGRAMME_START).days + 1
        body["contactDate"] = (PROGRAMME_START + datetime.timedelta(days=date.toordinal() % span)).isoformat()


def one_reach_per_report(case):
    """A JSON report may give its reach in the body or as the query parameter; two different ones are refused."""
    body, query = case.body, case.query
    if isinstance(body, dict) and isinstance(body.get("reach"), int) and isinstance(query, dict):
        if re.fullmatch(r"[0-9]+", str(query.get("reach", ""))):
            query["reach"] = body["reach"]


def end_not_before_start(case):
    """A campaign's end is not before its start."""
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("start"), str) and isinstance(body.get("end"), str):
        try:
            start, end = datetime.date.fromisoformat(body["start"]), datetime.date.fromisoformat(body["end"])
        except ValueError:
            return
        if end < start:
            body["start"], body["end"] = body["end"], body["start"]


RULES = {
    "createRegistration": date_the_contact_within_the_programme,
    "amendRegistration": amend_the_registration_the_path_names,
    "putImpressions": one_reach_per_report,
    "putCampaign": end_not_before_start,
}


def operation_id(context):
    operation = getattr(context, "operation", None)
    return operation.definition.raw.get("operationId") if operation is not None else None


@schemathesis.hook
def map_case(context, case):
    rule = RULES.get(operation_id(context))
    if rule is not None:
        rule(case)
    return case


@schemathesis.hook
def before_add_examples(context, examples):
    rule = RULES.get(operation_id(context))
    if rule is not None:
        for case in examples:
            rule(case)
