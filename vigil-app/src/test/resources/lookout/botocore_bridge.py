"""Calls Lookout for Equipment operations on Vigil with boto3 (botocore when boto3 is absent), for
the Java tests: one JSON request a line on standard input, {"operation": "CreateDataset",
"params": {...}}, one JSON answer a line on standard output, {"result": {...}} or {"error":
{"code": "ValidationException", "message": "..."}}. Timestamps in answers are epoch seconds.

The endpoint, region and credentials come from the environment: VIGIL_ENDPOINT, AWS_DEFAULT_REGION,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
"""
import datetime
import json
import os
import sys

import botocore
import botocore.config
import botocore.exceptions
import botocore.session

try:
    import boto3
except ImportError:  # Debian's awscli package brings botocore without boto3.
    boto3 = None


def client():
    arguments = dict(
        service_name="lookoutequipment",
        endpoint_url=os.environ["VIGIL_ENDPOINT"],
        region_name=os.environ["AWS_DEFAULT_REGION"],
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    if boto3 is not None:
        return boto3.client(**arguments)
    return botocore.session.get_session().create_client(**arguments)


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def main():
    lookout = client()
    print(json.dumps({"ready": "boto3 " + boto3.__version__ if boto3 else "botocore " + botocore.__version__}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        method = getattr(lookout, botocore.xform_name(request["operation"]))
        try:
            answer = {"result": plain(method(**request.get("params", {})))}
        except botocore.exceptions.ClientError as error:
            answer = {
                "error": {
                    "code": error.response["Error"]["Code"],
                    "message": error.response["Error"]["Message"],
                    "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
                }
            }
        except botocore.exceptions.ParamValidationError as error:
            answer = {"error": {"code": "ParamValidationError", "message": str(error), "status": 0}}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
