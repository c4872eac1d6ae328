import { DEFAULT_GATEWAY, type EnvelopeSpec } from './envelope-spec.js';

/** The topic a gateway publishes a spec's envelope to: `<root>/2/e/<channel>/<gateway>`. */
export function topicFor(
  spec: Pick<EnvelopeSpec, 'channelId' | 'gatewayId'> & { readonly root?: string } = {},
): string {
  const gatewayId = spec.gatewayId === undefined ? DEFAULT_GATEWAY : spec.gatewayId;
  return `${spec.root ?? 'msh/US'}/2/e/${spec.channelId ?? 'LongFast'}/${gatewayId ?? '!ffffffff'}`;
}
