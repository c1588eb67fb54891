/** Message files read at build time into flat key -> message maps (build/bundled-messages.ts). */
declare module '*.yml?messages' {
  const messages: Record<string, string>;
  export default messages;
}
