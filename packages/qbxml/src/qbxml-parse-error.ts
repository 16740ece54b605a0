/**
 * Raised when a QuickBooks response cannot be trusted: malformed XML, a DOCTYPE
 * or ENTITY declaration (refused outright: entity expansion / XXE), or a
 * document that is not a qbXML response.
 */
export class QbxmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QbxmlParseError';
  }
}
