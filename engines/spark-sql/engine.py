"""Apache Spark SQL (pyspark, local mode) behind the hdsbench script-target protocol.

    engine.py load | append   tables from the files listed in HDSBENCH_FILES, written as Parquet
                              under HDSBENCH_WORK_DIR/tables/<TABLE>/ (the engine's own storage)
    engine.py query           one query read on stdin; rows on stdout as JSON lines
    engine.py session         one long-running Spark answering JSON-line requests, several at once

Every process registers the loaded tables as views over their folders. The tuning profile's
settings (HDSBENCH_SETTINGS, "name=value" lines) are Spark configuration of every session.
"""
import datetime
import decimal
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def protocol_stream():
    """The protocol's stdout; anything else (the JVM, py4j) writes to stderr."""
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    return out


def spark_session():
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
        .appName("hdsbench-" + os.environ.get("HDSBENCH_NAMESPACE", "run"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "1g"))
        .config("spark.sql.session.timeZone", "UTC")
    )
    for line in os.environ.get("HDSBENCH_SETTINGS", "").splitlines():
        if "=" in line:
            name, value = line.split("=", 1)
            builder = builder.config(name.strip(), value.strip())
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def tables_dir():
    return os.path.join(os.environ["HDSBENCH_WORK_DIR"], "tables")


def register_tables(spark):
    root = tables_dir()
    if not os.path.isdir(root):
        return
    for table in sorted(os.listdir(root)):
        spark.read.parquet(os.path.join(root, table)).createOrReplaceTempView(table)


def listed_files():
    files = {}
    with open(os.environ["HDSBENCH_FILES"]) as f:
        for line in f:
            table, path = line.rstrip("\n").split("\t")[:2]
            files.setdefault(table, []).append(path)
    return files


def write_tables(mode):
    spark = spark_session()
    for table, paths in listed_files().items():
        spark.read.parquet(*paths).write.mode(mode).parquet(os.path.join(tables_dir(), table))
    spark.stop()


def value(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()[:10] if type(v) is datetime.date else v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def run(spark, sql):
    t0 = time.perf_counter()
    df = spark.sql(sql)
    rows = [[value(v) for v in row] for row in df.collect()]
    return df.columns, rows, time.perf_counter() - t0


def query():
    out = protocol_stream()
    sql = sys.stdin.read()
    spark = spark_session()
    register_tables(spark)
    try:
        columns, rows, seconds = run(spark, sql)
    except Exception as e:  # the query failed: its message on stderr, status 1
        print(str(e).split("\n")[0], file=sys.stderr)
        sys.exit(1)
    out.write(json.dumps(columns) + "\n")
    for row in rows:
        out.write(json.dumps(row) + "\n")
    out.flush()
    with open(os.environ["HDSBENCH_TIMING_FILE"], "w") as f:
        f.write("%.6f\n" % seconds)
    spark.stop()


def session():
    out = protocol_stream()
    spark = spark_session()
    register_tables(spark)
    lock = threading.Lock()

    def send(message):
        with lock:
            out.write(json.dumps(message) + "\n")
            out.flush()

    def answer(request):
        try:
            columns, rows, seconds = run(spark, request["sql"])
            send({"id": request["id"], "columns": columns, "rows": rows, "engine_seconds": seconds})
        except Exception as e:
            send({"id": request["id"], "error": str(e).split("\n")[0]})

    send({"ready": True})
    with ThreadPoolExecutor(max_workers=8) as pool:
        for line in sys.stdin:
            if line.strip():
                pool.submit(answer, json.loads(line))
    spark.stop()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "load":
        write_tables("overwrite")
    elif command == "append":
        write_tables("append")
    elif command == "query":
        query()
    elif command == "session":
        session()
    else:
        sys.exit("usage: engine.py load|append|query|session")
