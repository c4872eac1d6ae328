/**
 * The PostgreSQL notification channel the writer signals after each commit that stored packets
 * (`NOTIFY meshview_packets`, sent inside the transaction, so it is delivered at commit); the
 * readers `LISTEN` on it and read the new packets at once instead of at their next poll.
 */
export const NEW_PACKETS_CHANNEL = 'meshview_packets';
