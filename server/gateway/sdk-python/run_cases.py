"""Calls the API with the official Tencent Cloud Python SDK, as a customer's script would.

Reads {"endpoint": "127.0.0.1:PORT", "cases": [...]} as JSON on stdin and prints one JSON
object: {"results": [...]} in case order. A case names its customer's key, the action and
parameters, and how to call: reqMethod POST or GET, signMethod (TC3-HMAC-SHA256 or the
older HmacSHA1 / HmacSHA256), language, unsignedPayload, and the client: "tiia" (TiiaClient and its typed
models, for the actions this SDK release still lists) or "common" (CommonClient.call_json,
for ImageModeration, DetectCelebrity and unknown actions).

For a typed call the result also lists the answer's fields the SDK's models do not know
("unknownFields"), so the test can hold the server to the 2019-05-29 models.
"""
import json
import os
import sys
import warnings

SDK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "clients", "tencentcloud-sdk-python")
sys.path.insert(0, os.environ.get("TENCENTCLOUD_SDK_PYTHON", SDK))

from tencentcloud.common import credential  # noqa: E402
from tencentcloud.common.common_client import CommonClient  # noqa: E402
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException  # noqa: E402
from tencentcloud.common.profile.client_profile import ClientProfile  # noqa: E402
from tencentcloud.common.profile.http_profile import HttpProfile  # noqa: E402
from tencentcloud.tiia.v20190529 import models, tiia_client  # noqa: E402


def profile(endpoint, case):
    http = HttpProfile(protocol="http", endpoint=endpoint, reqMethod=case.get("reqMethod", "POST"), reqTimeout=30)
    prof = ClientProfile(signMethod=case.get("signMethod"), httpProfile=http, language=case.get("language", "zh-CN"))
    prof.unsignedPayload = bool(case.get("unsignedPayload"))
    return prof


def unknown_fields(raw, model, path="Response"):
    """Names in the raw answer that the typed model did not take in."""
    if isinstance(raw, list):
        found = []
        for i, item in enumerate(raw):
            found += unknown_fields(item, model[i] if isinstance(model, list) and i < len(model) else None, "%s[%d]" % (path, i))
        return found
    if not isinstance(raw, dict):
        return []
    known = model if isinstance(model, dict) else {}
    found = []
    for key, value in raw.items():
        if key not in known:
            found.append("%s.%s" % (path, key))
        else:
            found += unknown_fields(value, known[key], "%s.%s" % (path, key))
    return found


def typed_call(client, action, params):
    raw = {}
    call = client.call

    def capture(*args, **kwargs):
        body = call(*args, **kwargs)
        raw["body"] = json.loads(body)["Response"]
        return body

    client.call = capture
    request = getattr(models, action + "Request")()
    request.from_json_string(json.dumps(params))
    response = getattr(client, action)(request)
    fields = response._serialize(allow_none=True)
    return fields, unknown_fields(raw["body"], fields)


def run(endpoint, case):
    cred = credential.Credential(case["secretId"], case["secretKey"])
    prof = profile(endpoint, case)
    try:
        if case.get("client", "tiia") == "tiia":
            client = tiia_client.TiiaClient(cred, "ap-guangzhou", prof)
            fields, unknown = typed_call(client, case["action"], case["params"])
            return {"id": case["id"], "ok": True, "response": fields, "unknownFields": unknown}
        client = CommonClient("tiia", "2019-05-29", cred, "ap-guangzhou", prof)
        return {"id": case["id"], "ok": True, "response": client.call_json(case["action"], case["params"])["Response"]}
    except TencentCloudSDKException as err:
        return {"id": case["id"], "ok": False, "code": err.get_code(), "message": err.get_message(), "requestId": err.get_request_id()}


def main():
    job = json.load(sys.stdin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = [run(job["endpoint"], case) for case in job["cases"]]
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
