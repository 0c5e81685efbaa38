// Generates force-app/main/default/classes/genesys/RelayGenesysContract.cls (+ -meta.xml) from the request contract
// contract/genesys-cloud.contract.json, so the Apex client and its tests read the same operations as the
// simulator and the preview adapters.
//   node scripts/contract/generate-apex.mjs            write the class (npm run contract:apex)
//   node scripts/contract/generate-apex.mjs --check    exit 1 when the committed class differs from the contract
//   [--contract <file>] [--out <classes dir>]          other locations (used to prove that --check catches drift)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLASS_NAME = 'RelayGenesysContract';
const API_VERSION = '65.0';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const RESPONSES = new Set(['json', 'empty']);
const SCHEMA_KEYS = new Set([
    'type',
    'required',
    'properties',
    'additionalProperties',
    'enum',
    'minLength',
    'maxLength',
    'items',
    'minItems',
    'maxItems'
]);
const SCHEMA_TYPES = new Set(['object', 'string', 'integer', 'number', 'boolean', 'array']);

function parseArgs(argv) {
    const options = {
        check: false,
        contract: path.join(ROOT, 'contract', 'genesys-cloud.contract.json'),
        out: path.join(ROOT, 'force-app', 'main', 'default', 'classes', 'genesys')
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--check') options.check = true;
        else if (arg === '--contract' && argv[i + 1]) options.contract = path.resolve(argv[++i]);
        else if (arg === '--out' && argv[i + 1]) options.out = path.resolve(argv[++i]);
        else
            fail(
                `unknown argument "${arg}"\nusage: node scripts/contract/generate-apex.mjs [--check] [--contract <file>] [--out <dir>]`,
                2
            );
    }
    return options;
}

function fail(message, code = 1) {
    console.error(`generate-apex: ${message}`);
    process.exit(code);
}

// The contract is hand-edited: reject anything the generated Apex could not represent faithfully, with the
// operation and field named, instead of generating a class that fails later in an org.
function validateContract(contract) {
    const problems = [];
    if (!Number.isInteger(contract?.version)) problems.push('"version" must be an integer');
    const operations = contract?.operations;
    if (!operations || typeof operations !== 'object' || Object.keys(operations).length === 0) {
        problems.push('"operations" must be a non-empty object');
        return problems;
    }
    const constants = new Map();
    for (const [name, op] of Object.entries(operations)) {
        const where = `operation "${name}"`;
        if (!/^[a-z][A-Za-z0-9]*$/.test(name))
            problems.push(`${where}: name must be lowerCamelCase letters and digits`);
        const constant = constantName(name);
        if (constants.has(constant))
            problems.push(`${where}: constant ${constant} clashes with "${constants.get(constant)}"`);
        constants.set(constant, name);
        if (!METHODS.has(op.method)) problems.push(`${where}: method must be one of ${[...METHODS].join(', ')}`);
        if (typeof op.path !== 'string' || !/^(\/[A-Za-z0-9._-]+|\/\{[A-Za-z][A-Za-z0-9]*\})+$/.test(op.path)) {
            problems.push(`${where}: path must be /segments with {param} placeholders`);
        }
        if (
            !Array.isArray(op.query) ||
            op.query.some((q) => typeof q !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(q))
        ) {
            problems.push(`${where}: query must be an array of parameter names`);
        }
        if (!Number.isInteger(op.success) || op.success < 200 || op.success > 299) {
            problems.push(`${where}: success must be a 2xx status`);
        }
        if (!RESPONSES.has(op.response)) problems.push(`${where}: response must be "json" or "empty"`);
        if (op.body !== null) validateSchema(op.body, `${where} body`, problems);
        if (op.body !== null && op.method === 'GET') problems.push(`${where}: a GET cannot have a body`);
    }
    return problems;
}

function validateSchema(schema, where, problems) {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
        problems.push(`${where}: schema must be an object`);
        return;
    }
    for (const key of Object.keys(schema)) {
        if (!SCHEMA_KEYS.has(key)) problems.push(`${where}: keyword "${key}" is not in the supported subset`);
    }
    if (!SCHEMA_TYPES.has(schema.type)) problems.push(`${where}: type must be one of ${[...SCHEMA_TYPES].join(', ')}`);
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
        validateSchema(child, `${where}.${name}`, problems);
    }
    for (const name of schema.required ?? []) {
        if (!schema.properties || !(name in schema.properties))
            problems.push(`${where}: required "${name}" has no property`);
    }
    if (schema.items) validateSchema(schema.items, `${where}[]`, problems);
}

function constantName(operationName) {
    return operationName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function apexString(value) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

// ApexDoc lines for a description, wrapped to fit the print width (Prettier leaves comments as they are).
function apexDoc(text, indent) {
    const words = text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim().split(' ');
    const lines = [];
    let line = '@description';
    for (const word of words) {
        if (`${indent} * ${line} ${word}`.length > 118) {
            lines.push(line);
            line = word;
        } else {
            line += ` ${word}`;
        }
    }
    lines.push(line);
    return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join('\n');
}

function renderClass(contract, contractLabel) {
    const ops = Object.entries(contract.operations);
    const constants = ops
        .map(
            ([name, op]) => `
${apexDoc(`${op.summary ?? name} ${op.method} ${op.path}${op.sdkMethod ? ` (SDK ${op.sdkMethod})` : ''}.`, '    ')}
    public static final String ${constantName(name)} = ${apexString(name)};`
        )
        .join('\n');
    const entries = ops
        .map(([name, op]) => {
            const query = op.query.length
                ? `new List<String>{ ${op.query.map(apexString).join(', ')} }`
                : 'new List<String>()';
            const schema = op.body === null ? 'null' : apexString(JSON.stringify(op.body));
            return `${constantName(name)} => new Operation(${constantName(name)}, ${apexString(op.method)}, ${apexString(op.path)}, ${query}, ${schema}, ${op.success}, ${op.response === 'empty'})`;
        })
        .join(',\n');

    return `// GENERATED FILE: do not edit. Generated from ${contractLabel} by scripts/contract/generate-apex.mjs.
// Regenerate after changing the contract with \`npm run contract:apex\`; \`npm run verify:contract\` fails when this
// class and the contract differ.
/**
 * @description The Genesys Cloud request contract as Apex: for every operation Relay sends, the HTTP method, the path
 * template, the query parameters allowed, the JSON-schema subset its body must satisfy, the success status and
 * whether the response is empty. RelayGenesysClient builds every request through it and RelayContractAssert checks
 * every recorded request against it, so the Apex, the simulator and the preview share one source of truth.
 */
public with sharing class ${CLASS_NAME} {
    /**
     * @description The version of the contract file this class was generated from.
     */
    public static final Integer CONTRACT_VERSION = ${contract.version};
${constants}

    private static final Pattern PLACEHOLDER = Pattern.compile('\\\\{([A-Za-z][A-Za-z0-9]*)\\\\}');

    private static final Map<String, Operation> OPERATIONS = new Map<String, Operation>{
${entries}
    };

    /**
     * @description Returns the operation with this name.
     * @param name the operation name, for example RelayGenesysContract.PICK_UP
     * @return the operation
     * @throws ContractException when the contract has no operation with this name
     */
    public static Operation get(String name) {
        Operation operation = name == null ? null : OPERATIONS.get(name);
        if (operation == null) {
            throw new ContractException(
                'The Genesys Cloud contract has no operation "' + name + '". Known operations: ' + String.join(names(), ', ')
            );
        }
        return operation;
    }

    /**
     * @description The names of every operation in the contract, sorted.
     * @return the operation names
     */
    public static List<String> names() {
        List<String> result = new List<String>(OPERATIONS.keySet());
        result.sort();
        return result;
    }

    /**
     * @description Encodes a path or query value the way JavaScript's encodeURIComponent does (and so the Genesys SDK):
     * EncodingUtil.urlEncode writes a space as '+' and escapes ~ ! ' ( ), which encodeURIComponent leaves as they are.
     * @param value the raw value
     * @return the encoded value
     */
    public static String encode(String value) {
        return EncodingUtil.urlEncode(value, 'UTF-8')
            .replace('+', '%20')
            .replace('%7E', '~')
            .replace('%21', '!')
            .replace('%27', '\\'')
            .replace('%28', '(')
            .replace('%29', ')');
    }

    /**
     * @description One request the contract allows: build its path with path(), check its body with
     * RelayContractValidator against bodySchemaJson.
     */
    public class Operation {
        /**
         * @description The operation name, for example pickUp.
         */
        public final String name;
        /**
         * @description The HTTP method: GET, POST, PUT, PATCH or DELETE.
         */
        public final String method;
        /**
         * @description The path template with {param} placeholders, for example /api/v2/users/{userId}/queues.
         */
        public final String pathTemplate;
        /**
         * @description The query parameters the operation may send.
         */
        public final List<String> query;
        /**
         * @description The JSON-schema subset the request body must satisfy, as JSON; null when the operation sends no body.
         */
        public final String bodySchemaJson;
        /**
         * @description The status Genesys Cloud answers on success.
         */
        public final Integer successStatus;
        /**
         * @description True when a successful response has no body to parse.
         */
        public final Boolean emptyResponse;

        /**
         * @description Builds an operation; use RelayGenesysContract.get(name) instead of calling this.
         * @param name the operation name
         * @param method the HTTP method
         * @param pathTemplate the path template
         * @param query the allowed query parameters
         * @param bodySchemaJson the body schema as JSON, or null
         * @param successStatus the success status
         * @param emptyResponse whether the success response is empty
         */
        public Operation(
            String name,
            String method,
            String pathTemplate,
            List<String> query,
            String bodySchemaJson,
            Integer successStatus,
            Boolean emptyResponse
        ) {
            this.name = name;
            this.method = method;
            this.pathTemplate = pathTemplate;
            this.query = query;
            this.bodySchemaJson = bodySchemaJson;
            this.successStatus = successStatus;
            this.emptyResponse = emptyResponse;
        }

        /**
         * @description The names of the {param} placeholders in the path template, in order.
         * @return the path parameter names
         */
        public List<String> pathParamNames() {
            List<String> result = new List<String>();
            Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
            while (matcher.find()) {
                result.add(matcher.group(1));
            }
            return result;
        }

        /**
         * @description The request path: every {param} replaced by its value, encoded like encodeURIComponent.
         * @param pathParams the value of each path parameter
         * @return the path, starting with /api/v2
         * @throws ContractException when a parameter is missing or blank, or is not in the template
         */
        public String path(Map<String, String> pathParams) {
            Map<String, String> params = pathParams == null ? new Map<String, String>() : pathParams;
            Set<String> expected = new Set<String>(pathParamNames());
            for (String given : params.keySet()) {
                if (!expected.contains(given)) {
                    throw new ContractException(name + ' has no path parameter "' + given + '" (' + pathTemplate + ')');
                }
            }
            String result = '';
            Integer last = 0;
            Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
            while (matcher.find()) {
                String value = params.get(matcher.group(1));
                if (String.isBlank(value)) {
                    throw new ContractException(
                        name + ' needs a value for path parameter "' + matcher.group(1) + '" (' + pathTemplate + ')'
                    );
                }
                result += pathTemplate.substring(last, matcher.start()) + encode(value);
                last = matcher.end();
            }
            return result + pathTemplate.substring(last);
        }

        /**
         * @description The request path with a query string built from the parameters that have a value, in the
         * contract's order.
         * @param pathParams the value of each path parameter
         * @param queryParams the query parameters; null values are left out
         * @return the path and query string
         * @throws ContractException when a path parameter is missing or a query parameter is not allowed
         */
        public String path(Map<String, String> pathParams, Map<String, String> queryParams) {
            String result = path(pathParams);
            String queryString = queryParams == null ? '' : queryString(queryParams);
            return queryString == '' ? result : result + '?' + queryString;
        }

        private String queryString(Map<String, String> queryParams) {
            Set<String> allowed = new Set<String>(query);
            for (String given : queryParams.keySet()) {
                if (!allowed.contains(given)) {
                    throw new ContractException(
                        name + ' does not allow query parameter "' + given + '" (allowed: ' + String.join(query, ', ') + ')'
                    );
                }
            }
            List<String> pairs = new List<String>();
            for (String key : query) {
                if (queryParams.get(key) != null) {
                    pairs.add(encode(key) + '=' + encode(queryParams.get(key)));
                }
            }
            return String.join(pairs, '&');
        }
    }

    /**
     * @description Thrown when code asks the contract for an operation, a path parameter or a query parameter it does
     * not define: a programming error, never a Genesys Cloud failure.
     */
    public class ContractException extends Exception {
    }
}
`;
}

const META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>${API_VERSION}</apiVersion>
    <status>Active</status>
</ApexClass>
`;

async function format(source, filepath) {
    const config = (await prettier.resolveConfig(filepath)) ?? {};
    return prettier.format(source, { ...config, filepath, parser: 'apex' });
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    let contract;
    try {
        contract = JSON.parse(fs.readFileSync(options.contract, 'utf8'));
    } catch (error) {
        fail(`cannot read the contract ${options.contract}: ${error.message}`);
    }
    const problems = validateContract(contract);
    if (problems.length) fail(`the contract ${options.contract} is invalid:\n  ${problems.join('\n  ')}`);

    const classPath = path.join(options.out, `${CLASS_NAME}.cls`);
    const metaPath = `${classPath}-meta.xml`;
    const label = path.relative(ROOT, options.contract).split(path.sep).join('/');
    // Format as if the class lived in the project, so the project's .prettierrc applies wherever --out points.
    const source = await format(
        renderClass(contract, label),
        path.join(ROOT, 'force-app', 'main', 'default', 'classes', 'genesys', `${CLASS_NAME}.cls`)
    );

    if (options.check) {
        const stale = [
            [classPath, source],
            [metaPath, META]
        ].filter(([file, expected]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== expected);
        if (stale.length) {
            fail(
                `${stale.map(([file]) => path.relative(ROOT, file)).join(' and ')} ${stale.length > 1 ? 'do' : 'does'} not match ${label}.\n` +
                    'Run `npm run contract:apex` and commit the regenerated class (never edit it by hand).'
            );
        }
        console.log(`generate-apex: ${path.relative(ROOT, classPath)} matches ${label}`);
        return;
    }
    fs.mkdirSync(options.out, { recursive: true });
    fs.writeFileSync(classPath, source);
    fs.writeFileSync(metaPath, META);
    console.log(
        `generate-apex: wrote ${path.relative(ROOT, classPath)} (${Object.keys(contract.operations).length} operations)`
    );
}

main().catch((error) => fail(error.stack ?? String(error), 2));
