/** @ewsjs/ntlm-client ships no type declarations; these are the three functions we call. */
declare module '@ewsjs/ntlm-client' {
  export interface Type2Message {
    readonly [field: string]: unknown;
  }
  const ntlm: {
    createType1Message(workstation: string, target: string): string;
    decodeType2Message(header: string): Type2Message;
    createType3Message(
      type2: Type2Message,
      username: string,
      password: string,
      workstation: string,
      target: string,
    ): string;
  };
  export default ntlm;
}
