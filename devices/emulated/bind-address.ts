/** Real UDP: bind on the loopback of the server's family when the server is local, else on every address. */
export function bindAddressFor(serverAddress: string): string {
  if (serverAddress === '::1') return '::1';
  if (serverAddress.startsWith('127.')) return '127.0.0.1';
  return serverAddress.includes(':') ? '::' : '0.0.0.0';
}
