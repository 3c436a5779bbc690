export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const EWS_MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const EWS_TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const EWS_ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';
