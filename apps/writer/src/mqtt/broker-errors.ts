import type { ListenFailureCause } from '@meshview/config';

// The embedded broker's start errors, apart from the broker (and aedes), so that the writer's
// main thread can tell them by class without loading either.

/** Raised when the port is taken: says which broker probably holds it and what to do. */
export class BrokerPortInUseError extends Error {
  readonly code = 'WRITER_BROKER_PORT_IN_USE';

  constructor(port: number, cause: unknown) {
    super(
      `[mqtt] server = embedded cannot listen on port ${port}: it is already in use (a Mosquitto ` +
        `already running?). To ingest from that broker instead, set [mqtt] server = 127.0.0.1 ` +
        `(with its port, username and password); or give the embedded broker another [mqtt] port`,
      { cause },
    );
  }
}

/** Raised when `[mqtt] bind` is no address of this machine (or a name that does not resolve). */
export class BrokerBindError extends Error {
  readonly code = 'WRITER_BROKER_BIND_UNAVAILABLE';

  constructor(bind: string, port: number, why: ListenFailureCause, cause: unknown) {
    super(
      `[mqtt] bind = ${bind}: the embedded broker cannot listen there (${why.code}: ` +
        `${why.reason}). Set [mqtt] bind to an address of this machine, 127.0.0.1 to accept ` +
        `only local publishers, or * for all interfaces (port ${port})`,
      { cause },
    );
  }
}

/** Raised when the system refuses the port (a port below 1024 for a user without the right). */
export class BrokerPortForbiddenError extends Error {
  readonly code = 'WRITER_BROKER_PORT_FORBIDDEN';

  constructor(port: number, cause: unknown) {
    super(
      `[mqtt] port = ${port}: the system does not let the writer listen on it (EACCES; ports ` +
        `below 1024 need privileges). Choose a port of 1024 or above (1883 is MQTT's), or give ` +
        `node the right to bind low ports (e.g. setcap cap_net_bind_service=+ep)`,
      { cause },
    );
  }
}
