// history_request, comm_info_request and the comm messages (no comm targets exist: no widgets here).
import type { HistoryQuery } from "../history";
import { log } from "../log";
import type { Message } from "../wire";
import type { Services } from "./types";

export function historyRequest(request: Message, services: Services): void {
  const history = services.history.query(request.content as HistoryQuery);
  services.server.reply("shell", request, "history_reply", { status: "ok", history });
}

export function commInfoRequest(request: Message, services: Services): void {
  services.server.reply("shell", request, "comm_info_reply", { status: "ok", comms: {} });
}

/** No comm target is registered, so a comm_open is closed at once, as the protocol asks. */
export function commOpen(request: Message, services: Services): void {
  const { comm_id, target_name } = request.content as { comm_id?: string; target_name?: string };
  log.info(`comm_open for unknown target ${String(target_name)}; closing ${String(comm_id)}`);
  services.server.publish("comm_close", { comm_id, data: {} }, request.header);
}

/** Messages for comms that cannot exist (every open was refused): logged and ignored, no reply is defined. */
export function commIgnored(request: Message): void {
  const { comm_id } = request.content as { comm_id?: string };
  log.info(`${request.header.msg_type} for unknown comm ${String(comm_id)} ignored`);
}
