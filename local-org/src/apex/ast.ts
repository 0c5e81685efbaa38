// The Apex syntax tree the interpreter executes, built from apex-parser's parse tree by build.ts. Names keep
// their spelling for messages; lookups use `key` (lower case), because Apex identifiers are case-insensitive.
// Every node carries the line it starts on, for stack traces and for errors naming file:line.
import type { SoqlQuery } from '../data/soql/ast';
import type { ApexValue, TypeRef } from '../runtime/values';

export interface Node {
    readonly line: number;
}

export type Expr =
    | LiteralExpr
    | NameExpr
    | ThisExpr
    | SuperExpr
    | FieldExpr
    | CallExpr
    | IndexExpr
    | NewExpr
    | NewCollectionExpr
    | CastExpr
    | UnaryExpr
    | IncDecExpr
    | BinaryExpr
    | AssignExpr
    | ConditionalExpr
    | InstanceOfExpr
    | TypeLiteralExpr
    | SoqlExpr;

export interface LiteralExpr extends Node {
    readonly kind: 'literal';
    readonly value: ApexValue;
}

/** A bare identifier: a local, a field, a property, or the first part of a type or namespace name. */
export interface NameExpr extends Node {
    readonly kind: 'name';
    readonly name: string;
    readonly key: string;
}

export interface ThisExpr extends Node {
    readonly kind: 'this';
}

export interface SuperExpr extends Node {
    readonly kind: 'super';
}

/** `target.name` or `target?.name`. */
export interface FieldExpr extends Node {
    readonly kind: 'field';
    readonly target: Expr;
    readonly name: string;
    readonly key: string;
    readonly safe: boolean;
}

/**
 * `name(args)` (target null), `target.name(args)`, `target?.name(args)`, and constructor chaining
 * `this(args)` / `super(args)` (name 'this' or 'super', target null).
 */
export interface CallExpr extends Node {
    readonly kind: 'call';
    readonly target: Expr | null;
    readonly name: string;
    readonly key: string;
    readonly args: readonly Expr[];
    readonly safe: boolean;
}

export interface IndexExpr extends Node {
    readonly kind: 'index';
    readonly target: Expr;
    readonly index: Expr;
}

/** `new T(args)`; for an SObject type the args are `Field = value` assignments. */
export interface NewExpr extends Node {
    readonly kind: 'new';
    readonly type: TypeRef;
    readonly args: readonly Expr[];
}

/** `new List<T>{...}`, `new T[n]`, `new T[]{...}`, `new Set<T>{...}`, `new Map<K, V>{k => v}`, `new X{}`. */
export interface NewCollectionExpr extends Node {
    readonly kind: 'newCollection';
    readonly type: TypeRef;
    readonly elements: readonly Expr[];
    readonly pairs: readonly (readonly [Expr, Expr])[];
    readonly size: Expr | null;
}

export interface CastExpr extends Node {
    readonly kind: 'cast';
    readonly type: TypeRef;
    readonly expr: Expr;
}

export interface UnaryExpr extends Node {
    readonly kind: 'unary';
    readonly op: '-' | '+' | '!' | '~';
    readonly expr: Expr;
}

export interface IncDecExpr extends Node {
    readonly kind: 'incDec';
    readonly op: '++' | '--';
    readonly prefix: boolean;
    readonly target: Expr;
}

export type BinaryOp =
    | '*'
    | '/'
    | '+'
    | '-'
    | '<<'
    | '>>'
    | '>>>'
    | '<'
    | '>'
    | '<='
    | '>='
    | '=='
    | '!='
    | '==='
    | '!=='
    | '&'
    | '^'
    | '|'
    | '&&'
    | '||'
    | '??';

export interface BinaryExpr extends Node {
    readonly kind: 'binary';
    readonly op: BinaryOp;
    readonly left: Expr;
    readonly right: Expr;
}

export interface AssignExpr extends Node {
    readonly kind: 'assign';
    /** '=' or the operator of a compound assignment ('+' for +=). */
    readonly op: '=' | '+' | '-' | '*' | '/' | '&' | '|' | '^' | '>>' | '>>>' | '<<';
    readonly target: Expr;
    readonly value: Expr;
}

export interface ConditionalExpr extends Node {
    readonly kind: 'conditional';
    readonly cond: Expr;
    readonly then: Expr;
    readonly otherwise: Expr;
}

export interface InstanceOfExpr extends Node {
    readonly kind: 'instanceof';
    readonly expr: Expr;
    readonly type: TypeRef;
}

/** `T.class`. */
export interface TypeLiteralExpr extends Node {
    readonly kind: 'typeLiteral';
    readonly type: TypeRef;
}

export interface SoqlExpr extends Node {
    readonly kind: 'soql';
    readonly query: SoqlQuery;
}

// ---------------------------------------------------------------------------------------------------------
// Statements

export type Stmt =
    | BlockStmt
    | LocalStmt
    | ExprStmt
    | IfStmt
    | SwitchStmt
    | ForStmt
    | ForEachStmt
    | WhileStmt
    | DoWhileStmt
    | TryStmt
    | ReturnStmt
    | ThrowStmt
    | BreakStmt
    | ContinueStmt
    | DmlStmt
    | RunAsStmt;

export interface BlockStmt extends Node {
    readonly kind: 'block';
    readonly body: readonly Stmt[];
}

export interface VarDecl {
    readonly name: string;
    readonly key: string;
    readonly init: Expr | null;
    readonly line: number;
}

export interface LocalStmt extends Node {
    readonly kind: 'local';
    readonly type: TypeRef;
    readonly decls: readonly VarDecl[];
}

export interface ExprStmt extends Node {
    readonly kind: 'expr';
    readonly expr: Expr;
}

export interface IfStmt extends Node {
    readonly kind: 'if';
    readonly cond: Expr;
    readonly then: Stmt;
    readonly otherwise: Stmt | null;
}

export type WhenClause =
    | { readonly kind: 'else'; readonly body: BlockStmt }
    | { readonly kind: 'values'; readonly values: readonly WhenLiteral[]; readonly body: BlockStmt }
    | {
          readonly kind: 'type';
          readonly type: TypeRef;
          readonly name: string;
          readonly key: string;
          readonly body: BlockStmt;
      };

/** A `when` value: a literal, null, or an enum value name (resolved against the switch's enum). */
export type WhenLiteral =
    { readonly kind: 'value'; readonly value: ApexValue } | { readonly kind: 'enum'; readonly name: string };

export interface SwitchStmt extends Node {
    readonly kind: 'switch';
    readonly expr: Expr;
    readonly whens: readonly WhenClause[];
}

export interface ForStmt extends Node {
    readonly kind: 'for';
    readonly init: LocalStmt | readonly Expr[] | null;
    readonly cond: Expr | null;
    readonly update: readonly Expr[];
    readonly body: Stmt | null;
}

export interface ForEachStmt extends Node {
    readonly kind: 'forEach';
    readonly type: TypeRef;
    readonly name: string;
    readonly key: string;
    readonly iterable: Expr;
    readonly body: Stmt | null;
}

export interface WhileStmt extends Node {
    readonly kind: 'while';
    readonly cond: Expr;
    readonly body: Stmt | null;
}

export interface DoWhileStmt extends Node {
    readonly kind: 'doWhile';
    readonly body: BlockStmt;
    readonly cond: Expr;
}

export interface CatchClause {
    readonly type: TypeRef;
    readonly name: string;
    readonly key: string;
    readonly body: BlockStmt;
}

export interface TryStmt extends Node {
    readonly kind: 'try';
    readonly body: BlockStmt;
    readonly catches: readonly CatchClause[];
    readonly finally: BlockStmt | null;
}

export interface ReturnStmt extends Node {
    readonly kind: 'return';
    readonly expr: Expr | null;
}

export interface ThrowStmt extends Node {
    readonly kind: 'throw';
    readonly expr: Expr;
}

export interface BreakStmt extends Node {
    readonly kind: 'break';
}

export interface ContinueStmt extends Node {
    readonly kind: 'continue';
}

export interface DmlStmt extends Node {
    readonly kind: 'dml';
    readonly op: 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';
    /** `insert as user` / `as system`; null when the statement names none. */
    readonly access: 'user' | 'system' | null;
    readonly expr: Expr;
    /** upsert: the external id field name; merge: the records merged into the first. */
    readonly upsertField: string | null;
    readonly mergeWith: Expr | null;
}

export interface RunAsStmt extends Node {
    readonly kind: 'runAs';
    readonly args: readonly Expr[];
    readonly body: BlockStmt;
}

// ---------------------------------------------------------------------------------------------------------
// Declarations

export interface Annotation {
    /** Lower-cased name without '@', e.g. 'istest', 'auraenabled'. */
    readonly key: string;
    /** Element values by lower-cased name (`cacheable=true` -> {cacheable: true}); a lone value under 'value'. */
    readonly params: ReadonlyMap<string, ApexValue>;
}

export interface Modifiers {
    /** Lower-cased keywords: public, private, static, final, virtual, abstract, override, global... */
    readonly keywords: ReadonlySet<string>;
    readonly annotations: readonly Annotation[];
    readonly sharing: 'with' | 'without' | 'inherited' | null;
}

export interface Param {
    readonly type: TypeRef;
    readonly name: string;
    readonly key: string;
}

export interface MethodDecl extends Node {
    readonly name: string;
    readonly key: string;
    readonly modifiers: Modifiers;
    readonly isStatic: boolean;
    /** null for void. */
    readonly returnType: TypeRef | null;
    readonly params: readonly Param[];
    /** null for an abstract or interface method. */
    readonly body: BlockStmt | null;
}

export interface ConstructorDecl extends Node {
    readonly modifiers: Modifiers;
    readonly params: readonly Param[];
    readonly body: BlockStmt;
}

export interface FieldDecl extends Node {
    readonly kind: 'field';
    readonly modifiers: Modifiers;
    readonly isStatic: boolean;
    readonly type: TypeRef;
    readonly name: string;
    readonly key: string;
    readonly init: Expr | null;
}

export interface PropertyDecl extends Node {
    readonly kind: 'property';
    readonly modifiers: Modifiers;
    readonly isStatic: boolean;
    readonly type: TypeRef;
    readonly name: string;
    readonly key: string;
    /** 'auto' for `get;`, a block for `get { ... }`, null when the property has no getter. */
    readonly getter: BlockStmt | 'auto' | null;
    readonly setter: BlockStmt | 'auto' | null;
}

export interface InitializerDecl extends Node {
    readonly kind: 'initializer';
    readonly isStatic: boolean;
    readonly body: BlockStmt;
}

/** Fields, properties and initializer blocks, in declaration order: the order they initialise in. */
export type MemberInit = FieldDecl | PropertyDecl | InitializerDecl;

export interface TypeDecl extends Node {
    readonly kind: 'class' | 'interface' | 'enum';
    readonly name: string;
    readonly key: string;
    /** 'Outer.Inner' for an inner type. */
    readonly fullName: string;
    readonly file: string;
    readonly modifiers: Modifiers;
    readonly extends: TypeRef | null;
    /** Implemented interfaces (for an interface: the interfaces it extends). */
    readonly implements: readonly TypeRef[];
    readonly members: readonly MemberInit[];
    readonly methods: readonly MethodDecl[];
    readonly constructors: readonly ConstructorDecl[];
    readonly inner: readonly TypeDecl[];
    readonly enumValues: readonly string[];
}

export interface TriggerDecl extends Node {
    readonly name: string;
    readonly objectName: string;
    readonly file: string;
    /** e.g. ['before insert', 'after update']. */
    readonly events: readonly string[];
    readonly body: BlockStmt;
    /** Methods, fields and inner classes declared in the trigger body. */
    readonly type: TypeDecl;
}
