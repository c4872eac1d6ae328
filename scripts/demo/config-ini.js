// The demo's config.ini: SQLite in its folder, the embedded broker on this machine only, the
// simulated mesh's secondary key, and a title that says it is a demo.

/** The text of the demo's `config.ini`. */
export function demoConfigIni({ databaseFile, mqttPort, httpPort, secondaryKey }) {
  return [
    '; Written by `npm run demo`: a simulated mesh, nothing from a real one.',
    '[site]',
    'title = MeshView demo',
    'message = A simulated mesh around the San Francisco Bay (npm run demo)',
    '',
    '[database]',
    `connection_string = sqlite:///${databaseFile}`,
    '',
    '[mqtt]',
    'server = embedded',
    `port = ${mqttPort}`,
    'bind = 127.0.0.1',
    '; The key of the simulated mesh\'s "Hikers" channel (SIM_SECONDARY_KEY_BASE64).',
    `secondary_keys = ${secondaryKey}`,
    '',
    '[server]',
    'bind = 127.0.0.1',
    `port = ${httpPort}`,
    '',
    '[logging]',
    'level = warn',
    '',
  ].join('\n');
}
