import { fileURLToPath } from 'node:url';

/**
 * Test-only: where Intuit's reference files live (beside the repository, never copied into it).
 * Only paths here; the tests do the reading.
 */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../../../shared/reference/', import.meta.url));
export const REFERENCE_WSDL = `${REFERENCE_DIR}QBWebConnectorSvc.wsdl`;
export const REFERENCE_GUIDE = `${REFERENCE_DIR}QBWC_ProgrammersGuide_v2.0.txt`;
