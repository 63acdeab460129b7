// Worker thread owning every zeromq socket, so heartbeat, control and kernel_info answer while a cell is busy.
//
// The main thread runs user code; if it blocks (a busy loop), this thread still echoes heartbeats, answers
// kernel_info, and turns interrupt_request into SIGINT for the main thread (state survives, see executor.ts).
// Shell and stdin requests are verified here and forwarded; iopub output from the main thread is sent here.
import { parentPort, workerData } from "node:worker_threads";
import { Publisher, Reply, Router } from "zeromq";
import { channelAddress, readConnectionFile, type ConnectionInfo } from "./connection";
import { log, setLogDirectory } from "./log";
import { SendQueue } from "./send-queue";
import { revive, type IoThreadData, type ToIo, type ToMain } from "./thread-messages";
import { createMessage, decode, encode, type Message } from "./wire";

const data = workerData as IoThreadData;
setLogDirectory(data.logDirectory);
const port = parentPort!;
const info: ConnectionInfo = readConnectionFile(data.connectionFile);

const sockets = {
  shell: new Router({ linger: 0 }),
  control: new Router({ linger: 0 }),
  stdin: new Router({ linger: 0 }),
  iopub: new Publisher({ linger: 0 }),
  hb: new Reply({ linger: 0 }),
};
const queues = {
  shell: new SendQueue(sockets.shell, "shell"),
  control: new SendQueue(sockets.control, "control"),
  stdin: new SendQueue(sockets.stdin, "stdin"),
  iopub: new SendQueue(sockets.iopub, "iopub"),
};

function post(message: ToMain): void {
  port.postMessage(message);
}

function send(channel: keyof typeof queues, message: Message<unknown>): Promise<void> {
  // IOPub's first frame is a topic; frontends subscribe to everything, ipykernel's "kernel.<type>" style is kept.
  const framed = channel === "iopub" ? { ...message, identities: [Buffer.from(`kernel.${message.header.msg_type}`)] } : message;
  return queues[channel].push(encode(framed, info.key));
}

function reply(channel: "shell" | "control", request: Message, msgType: string, content: unknown): Promise<void> {
  return send(channel, createMessage({ msgType, content, session: data.session, parent: request.header, identities: request.identities }));
}

function status(request: Message, state: "busy" | "idle"): Promise<void> {
  return send("iopub", createMessage({ msgType: "status", content: { execution_state: state }, session: data.session, parent: request.header }));
}

/** Requests every front end needs answered even while a cell blocks the main thread. */
async function answerHere(channel: "shell" | "control", request: Message): Promise<boolean> {
  const type = request.header.msg_type;
  if (type === "kernel_info_request") {
    await status(request, "busy");
    await reply(channel, request, "kernel_info_reply", data.kernelInfo);
    await status(request, "idle");
    return true;
  }
  if (channel !== "control") return false;
  if (type === "interrupt_request") {
    await status(request, "busy");
    await reply(channel, request, "interrupt_reply", { status: "ok" });
    await status(request, "idle");
    // The main thread's SIGINT handling stops a blocking cell (vm breakOnSigint) or a pending await.
    process.kill(process.pid, "SIGINT");
    return true;
  }
  if (type === "shutdown_request") {
    const restart = Boolean((request.content as { restart?: unknown }).restart);
    await status(request, "busy");
    await reply(channel, request, "shutdown_reply", { status: "ok", restart });
    await status(request, "idle");
    await queues.control.drain();
    post({ type: "shutdown", restart });
    // If a cell blocks the main thread forever, still end the process: the front end asked for it.
    setTimeout(() => process.kill(process.pid, "SIGTERM"), 3000).unref();
    return true;
  }
  log.warn(`control message ${type} is not supported; no reply`);
  return true;
}

async function receive(channel: "shell" | "control" | "stdin"): Promise<void> {
  for await (const frames of sockets[channel]) {
    const decoded = decode(frames, info.key);
    if (!decoded.ok) {
      // Never executed, never answered: an unsigned message may come from anyone who can reach the port.
      log.warn(`dropped a ${channel} message`, decoded.rejection);
      continue;
    }
    try {
      if (channel === "stdin" || !(await answerHere(channel, decoded.message))) {
        post({ type: "request", channel: channel === "stdin" ? "stdin" : "shell", message: decoded.message });
      }
    } catch (err) {
      log.error(`handling ${decoded.message.header.msg_type} on ${channel} failed`, err);
    }
  }
}

async function echoHeartbeats(): Promise<void> {
  for await (const frames of sockets.hb) await sockets.hb.send(frames);
}

async function bindAll(): Promise<void> {
  await Promise.all(
    (Object.keys(sockets) as (keyof typeof sockets)[]).map((channel) => sockets[channel].bind(channelAddress(info, channel))),
  );
}

async function close(): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.drain()));
  for (const socket of Object.values(sockets)) socket.close();
  port.close();
}

port.on("message", (message: ToIo) => {
  if (message.type === "close") void close();
  else void send(message.channel, revive(message.message));
});

bindAll()
  .then(() => {
    for (const channel of ["shell", "control", "stdin"] as const) {
      receive(channel).catch((err) => log.error(`${channel} receive loop ended`, err));
    }
    echoHeartbeats().catch((err) => log.error("heartbeat loop ended", err));
    post({ type: "ready" });
  })
  .catch((err) => {
    log.error("binding the kernel sockets failed", err);
    post({ type: "fatal", reason: `cannot bind the kernel sockets: ${(err as Error).message}` });
  });
