// avro-js (the Avro library salesforce-pubsub-api-client decodes events with) ships no types: the part the local
// Pub/Sub server uses.
declare module 'avro-js' {
    interface AvroType {
        toBuffer(value: unknown): Buffer;
        fromBuffer(buffer: Buffer): unknown;
    }
    const avro: { parse(schema: unknown, options?: unknown): AvroType };
    export default avro;
}
