/** API version reported by /v1/health; bump with breaking API changes. */
export const API_VERSION = '0.1.0';
