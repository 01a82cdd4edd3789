import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ValidationContext } from 'graphql';

/** The gateway's hardening limits (ARMOR_* in .env.example), read by gateway/env.ts. */
export interface ArmourLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** Longest string input (variable or literal), in characters; longer is BAD_USER_INPUT naming the field. */
  maxStringLength: number;
  blockFieldSuggestions: boolean;
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes: number;
  /** Operations per batched HTTP request; 0 = batched requests refused. */
  maxBatch: number;
  /** Unexpected errors carry their original message and stack: development only. */
  errorDetails: boolean;
}

const JSON_TYPE = /^application\/(graphql-response\+)?json\b/i;

function refusal(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
  });
}

/** Reads a body stream up to `max` bytes; undefined beyond (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | undefined> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Request body size limit: POST bodies are read by our own parser, which stops at `maxBytes` (declared length or
 * not) and answers 413; only JSON bodies are accepted (no multipart uploads, no form posts: 415).
 */
export function useBodyLimit(maxBytes: number): GatewayPlugin {
  const tooLarge = `Requête trop volumineuse (plus de ${maxBytes} octets). / Request body too large (over ${maxBytes} bytes).`;
  return {
    onRequestParse({ request, setRequestParser, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
        endResponse(
          refusal(
            fetchAPI,
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'Seul « application/json » est accepté. / Only "application/json" bodies are accepted.',
          ),
        );
        return;
      }
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        endResponse(refusal(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', tooLarge));
        return;
      }
      setRequestParser(async (req) => {
        const text = await readAtMost(req.body, maxBytes);
        if (text === undefined) return refusal(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', tooLarge);
        try {
          return JSON.parse(text);
        } catch {
          return refusal(
            fetchAPI,
            400,
            'BAD_REQUEST',
            'Corps de requête JSON illisible. / Request body is not valid JSON.',
          );
        }
      });
    },
  } as GatewayPlugin;
}

/**
 * graphql-armor's validation rules (depth, aliases, directives, cost) throw a bare GraphQLError by default, which
 * escapes validation without a code. Reported instead, the refusal is a validation error like any other: same
 * message, `extensions.code` GRAPHQL_VALIDATION_FAILED (and, as for any invalid document, HTTP 400 to a client that
 * accepts application/graphql-response+json).
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) =>
      ctx?.reportError(new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
  ],
};

/**
 * Query limits (graphql-armor): depth, aliases, tokens, directives and cost, checked before any planning; field
 * suggestions ("Did you mean …?") blocked in production; plus the body size limit.
 */
export function useArmour(limits: ArmourLimits): GatewayPlugin[] {
  return [
    useBodyLimit(limits.maxBodyBytes),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...asValidationError },
      // allowList []: graphql-armor's default lets `__typename` be aliased without limit (`a1: __typename …`), which
      // multiplies the answer as any alias does; every alias counts.
      maxAliases: { n: limits.maxAliases, allowList: [], ...asValidationError },
      maxTokens: { n: limits.maxTokens }, // refused by the parser: already GRAPHQL_PARSE_FAILED
      maxDirectives: { n: limits.maxDirectives, ...asValidationError },
      costLimit: {
        maxCost: limits.maxCost,
        objectCost: 2,
        scalarCost: 1,
        depthCostFactor: 1.5,
        ignoreIntrospection: true,
        ...asValidationError,
      },
      blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
    }) as GatewayPlugin,
  ];
}
