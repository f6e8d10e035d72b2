import { SkeletonContext, runbook, techdocs } from '../skeleton-context';

/** A starter Python queue worker: long-polls its queues, serves health and metrics, stops gracefully. */
export function pythonWorkerSkeleton(context: SkeletonContext): Record<string, string> {
  return {
    'requirements.txt': 'boto3>=1.34\npytest>=8\n',
    'worker.py': `"""${context.name}: consumes the queues named in QUEUE_*_URL."""
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import boto3

stopping = threading.Event()
processed = 0


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            return self.reply(200, "ok")
        if self.path == "/readyz":
            return self.reply(503 if stopping.is_set() else 200, "ready")
        if self.path == "/metrics":
            return self.reply(200, f"# TYPE messages_processed_total counter\\nmessages_processed_total {processed}\\n")
        return self.reply(404, "not found")

    def reply(self, status, body):
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def queues():
    return [url for name, url in sorted(os.environ.items()) if name.startswith("QUEUE_") and name.endswith("_URL")]


def handle(message):
    """Process one message; raise to let it return to the queue (and reach the dead-letter queue)."""


def main():
    global processed
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    threading.Thread(target=HTTPServer(("", 8080), Health).serve_forever, daemon=True).start()
    sqs = boto3.client("sqs")
    while not stopping.is_set():
        for url in queues():
            for message in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", []):
                handle(message)
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                processed += 1


if __name__ == "__main__":
    main()
`,
    'test_worker.py': `import worker


def test_reads_queue_urls_from_the_environment(monkeypatch):
    monkeypatch.setenv("QUEUE_ORDERS_URL", "https://sqs.example/orders")
    assert worker.queues() == ["https://sqs.example/orders"]
`,
    'Dockerfile': `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY worker.py ./
USER 10001:10001
EXPOSE 8080
CMD ["python", "worker.py"]
`,
    'RUNBOOK.md': runbook(context),
    ...techdocs(context),
  };
}
