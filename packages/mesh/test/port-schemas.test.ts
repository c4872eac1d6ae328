import { describe, expect, it } from 'vitest';
import { PORT_SCHEMAS } from '../src/index.js';
import { PAYLOAD_DECODERS } from '../src/payloads/payload-decoders.js';
import { Mesh, Mqtt, Telemetry } from '../src/protobufs.js';

describe('PORT_SCHEMAS', () => {
  it("maps every decoded port but TEXT_MESSAGE_APP to its message, as MeshView's DECODE_MAP", () => {
    expect(new Map([...PORT_SCHEMAS].map(([port, schema]) => [port, schema.typeName]))).toEqual(
      new Map([
        [3, Mesh.PositionSchema.typeName],
        [4, Mesh.UserSchema.typeName],
        [5, Mesh.RoutingSchema.typeName],
        [67, Telemetry.TelemetrySchema.typeName],
        [70, Mesh.RouteDiscoverySchema.typeName],
        [71, Mesh.NeighborInfoSchema.typeName],
        [73, Mqtt.MapReportSchema.typeName],
      ]),
    );
  });

  it('is the schema each decoder parses with', () => {
    for (const [port, schema] of PORT_SCHEMAS) {
      expect(PAYLOAD_DECODERS.get(port)?.schema).toBe(schema);
    }
    expect([...PAYLOAD_DECODERS.keys()].filter((port) => !PORT_SCHEMAS.has(port))).toEqual([1]);
  });
});
