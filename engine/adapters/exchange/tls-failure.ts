/**
 * Node's (OpenSSL's) words for a certificate it would not trust: self-signed, unknown issuer, expired,
 * issued for another name. Both transports (axios for EWS, undici for Graph) pass them on in the
 * error code or message.
 */
const TLS_FAILURE =
  /self[- ]signed certificate|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate|UNABLE_TO_GET_ISSUER_CERT|unable to get (local )?issuer certificate|CERT_HAS_EXPIRED|certificate has expired|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames|CERT_UNTRUSTED|CERT_REVOKED/i;

export function isTlsFailure(text: string): boolean {
  return TLS_FAILURE.test(text);
}

/** The admin-readable sentence for an untrusted certificate at `url`. */
export function tlsUntrustedMessage(url: string, reason: string, caSetting: string): string {
  return (
    `The TLS certificate of ${url} is not trusted (${reason}). If a private CA or a TLS-inspecting proxy ` +
    `signs it, set ${caSetting} to that CA's certificate (PEM); otherwise fix the server's certificate`
  );
}
