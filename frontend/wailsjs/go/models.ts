export namespace main {
	
	export class DroppedImage {
	    name: string;
	    info?: pln.ImageInfo;
	    error?: pln.Error;
	
	    static createFrom(source: any = {}) {
	        return new DroppedImage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.info = this.convertValues(source["info"], pln.ImageInfo);
	        this.error = this.convertValues(source["error"], pln.Error);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecoveryState {
	    recovering: boolean;
	    dataDir: string;
	    code?: string;
	    message?: string;
	    problems?: store.Problem[];
	    backups: pln.BackupInfo[];
	    latest: string;
	    locked: boolean;
	    warning?: string;
	
	    static createFrom(source: any = {}) {
	        return new RecoveryState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recovering = source["recovering"];
	        this.dataDir = source["dataDir"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.problems = this.convertValues(source["problems"], store.Problem);
	        this.backups = this.convertValues(source["backups"], pln.BackupInfo);
	        this.latest = source["latest"];
	        this.locked = source["locked"];
	        this.warning = source["warning"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace pln {
	
	export class BackupInfo {
	    name: string;
	    path: string;
	    kind: string;
	    at: string;
	    size: number;
	    nodes: number;
	    ties: number;
	    entries: number;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.kind = source["kind"];
	        this.at = source["at"];
	        this.size = source["size"];
	        this.nodes = source["nodes"];
	        this.ties = source["ties"];
	        this.entries = source["entries"];
	        this.problem = source["problem"];
	    }
	}
	export class Entry {
	    id: string;
	    // Go type: time
	    occurredAt: any;
	    body: string;
	    nodeIds?: string[];
	    tags?: string[];
	    type: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.occurredAt = this.convertValues(source["occurredAt"], null);
	        this.body = source["body"];
	        this.nodeIds = source["nodeIds"];
	        this.tags = source["tags"];
	        this.type = source["type"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntryFields {
	    // Go type: time
	    occurredAt: any;
	    body: string;
	    nodeIds: string[];
	    tags: string[];
	    type: string;
	
	    static createFrom(source: any = {}) {
	        return new EntryFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.occurredAt = this.convertValues(source["occurredAt"], null);
	        this.body = source["body"];
	        this.nodeIds = source["nodeIds"];
	        this.tags = source["tags"];
	        this.type = source["type"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Error {
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class ExportFormat {
	    name: string;
	    title: string;
	    extension: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportFormat(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	        this.extension = source["extension"];
	    }
	}
	export class Goal {
	    id: string;
	    title: string;
	    description?: string;
	    status: string;
	    targetDate?: string;
	    nodeIds?: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Goal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.status = source["status"];
	        this.targetDate = source["targetDate"];
	        this.nodeIds = source["nodeIds"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalFields {
	    title: string;
	    description: string;
	    status: string;
	    targetDate: string;
	
	    static createFrom(source: any = {}) {
	        return new GoalFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.description = source["description"];
	        this.status = source["status"];
	        this.targetDate = source["targetDate"];
	    }
	}
	export class HistoryStep {
	    id: string;
	    at: string;
	    name: string;
	    kind: string;
	    target?: string;
	    records: number;
	    undoable: boolean;
	    redoable: boolean;
	    undone: boolean;
	
	    static createFrom(source: any = {}) {
	        return new HistoryStep(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.target = source["target"];
	        this.records = source["records"];
	        this.undoable = source["undoable"];
	        this.redoable = source["redoable"];
	        this.undone = source["undone"];
	    }
	}
	export class HistoryChanged {
	    undo?: HistoryStep;
	    redo?: HistoryStep;
	
	    static createFrom(source: any = {}) {
	        return new HistoryChanged(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.undo = this.convertValues(source["undo"], HistoryStep);
	        this.redo = this.convertValues(source["redo"], HistoryStep);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImageInfo {
	    id: string;
	    mime: string;
	    width: number;
	    height: number;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new ImageInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.mime = source["mime"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.size = source["size"];
	    }
	}
	export class ImportChoices {
	    previewId: string;
	    kind?: string;
	    merge?: string[];
	    mergeAll?: boolean;
	    skipUnreadable?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportChoices(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.previewId = source["previewId"];
	        this.kind = source["kind"];
	        this.merge = source["merge"];
	        this.mergeAll = source["mergeAll"];
	        this.skipUnreadable = source["skipUnreadable"];
	    }
	}
	export class ImportDuplicate {
	    key: string;
	    label: string;
	    where?: string;
	    existingId: string;
	    existingLabel: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportDuplicate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.where = source["where"];
	        this.existingId = source["existingId"];
	        this.existingLabel = source["existingLabel"];
	        this.reason = source["reason"];
	    }
	}
	export class ImportWarning {
	    where?: string;
	    message: string;
	    skipped?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.where = source["where"];
	        this.message = source["message"];
	        this.skipped = source["skipped"];
	    }
	}
	export class ImportUpdate {
	    nodeId: string;
	    label: string;
	    reason: string;
	    fields: string[];
	
	    static createFrom(source: any = {}) {
	        return new ImportUpdate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodeId = source["nodeId"];
	        this.label = source["label"];
	        this.reason = source["reason"];
	        this.fields = source["fields"];
	    }
	}
	export class ImportPreview {
	    previewId: string;
	    sources: string[];
	    format: string;
	    formatTitle: string;
	    nodes: number;
	    ties: number;
	    entries: number;
	    updates: ImportUpdate[];
	    unchanged: number;
	    duplicates: ImportDuplicate[];
	    unknownKinds: number;
	    missingEnds: string[];
	    skipped: number;
	    warnings: ImportWarning[];
	    sample: string[];
	    // Go type: time
	    expiresAt: any;
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.previewId = source["previewId"];
	        this.sources = source["sources"];
	        this.format = source["format"];
	        this.formatTitle = source["formatTitle"];
	        this.nodes = source["nodes"];
	        this.ties = source["ties"];
	        this.entries = source["entries"];
	        this.updates = this.convertValues(source["updates"], ImportUpdate);
	        this.unchanged = source["unchanged"];
	        this.duplicates = this.convertValues(source["duplicates"], ImportDuplicate);
	        this.unknownKinds = source["unknownKinds"];
	        this.missingEnds = source["missingEnds"];
	        this.skipped = source["skipped"];
	        this.warnings = this.convertValues(source["warnings"], ImportWarning);
	        this.sample = source["sample"];
	        this.expiresAt = this.convertValues(source["expiresAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportResult {
	    importId: string;
	    source: string;
	    format: string;
	    nodes: number;
	    ties: number;
	    entries: number;
	    updated: number;
	    skipped: number;
	    warnings?: ImportWarning[];
	    note?: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.source = source["source"];
	        this.format = source["format"];
	        this.nodes = source["nodes"];
	        this.ties = source["ties"];
	        this.entries = source["entries"];
	        this.updated = source["updated"];
	        this.skipped = source["skipped"];
	        this.warnings = this.convertValues(source["warnings"], ImportWarning);
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Node {
	    id: string;
	    ego?: boolean;
	    label: string;
	    kind: string;
	    description?: string;
	    url?: string;
	    feedUrl?: string;
	    emails?: string[];
	    organisation?: string;
	    tags?: string[];
	    relation?: string;
	    strength?: number;
	    role?: string;
	    contexts?: string[];
	    mode?: string;
	    status?: string;
	    cadence?: number;
	    // Go type: time
	    cadenceSince: any;
	    x: number;
	    y: number;
	    pinned?: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    extra?: Record<string, string>;
	    importId?: string;
	
	    static createFrom(source: any = {}) {
	        return new Node(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ego = source["ego"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.description = source["description"];
	        this.url = source["url"];
	        this.feedUrl = source["feedUrl"];
	        this.emails = source["emails"];
	        this.organisation = source["organisation"];
	        this.tags = source["tags"];
	        this.relation = source["relation"];
	        this.strength = source["strength"];
	        this.role = source["role"];
	        this.contexts = source["contexts"];
	        this.mode = source["mode"];
	        this.status = source["status"];
	        this.cadence = source["cadence"];
	        this.cadenceSince = this.convertValues(source["cadenceSince"], null);
	        this.x = source["x"];
	        this.y = source["y"];
	        this.pinned = source["pinned"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.extra = source["extra"];
	        this.importId = source["importId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NodeFields {
	    label: string;
	    kind: string;
	    description: string;
	    url: string;
	    feedUrl: string;
	    emails: string[];
	    organisation: string;
	    tags: string[];
	    relation: string;
	    strength: number;
	    role: string;
	    contexts: string[];
	    mode: string;
	    status: string;
	    cadence: number;
	    extra: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new NodeFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.description = source["description"];
	        this.url = source["url"];
	        this.feedUrl = source["feedUrl"];
	        this.emails = source["emails"];
	        this.organisation = source["organisation"];
	        this.tags = source["tags"];
	        this.relation = source["relation"];
	        this.strength = source["strength"];
	        this.role = source["role"];
	        this.contexts = source["contexts"];
	        this.mode = source["mode"];
	        this.status = source["status"];
	        this.cadence = source["cadence"];
	        this.extra = source["extra"];
	    }
	}
	export class Position {
	    id: string;
	    x: number;
	    y: number;
	    pinned: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Position(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.x = source["x"];
	        this.y = source["y"];
	        this.pinned = source["pinned"];
	    }
	}
	export class Settings {
	    quietPeriodDays?: number;
	    contexts?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quietPeriodDays = source["quietPeriodDays"];
	        this.contexts = source["contexts"];
	    }
	}
	export class Tie {
	    id: string;
	    from: string;
	    to: string;
	    relation: string;
	    directed: boolean;
	    strength: number;
	    note?: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    extra?: Record<string, string>;
	    importId?: string;
	
	    static createFrom(source: any = {}) {
	        return new Tie(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.relation = source["relation"];
	        this.directed = source["directed"];
	        this.strength = source["strength"];
	        this.note = source["note"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.extra = source["extra"];
	        this.importId = source["importId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TieFields {
	    from: string;
	    to: string;
	    relation: string;
	    directed: boolean;
	    strength: number;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new TieFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.relation = source["relation"];
	        this.directed = source["directed"];
	        this.strength = source["strength"];
	        this.note = source["note"];
	    }
	}
	export class ViewCamera {
	    x: number;
	    y: number;
	    ratio: number;
	    angle: number;
	
	    static createFrom(source: any = {}) {
	        return new ViewCamera(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.x = source["x"];
	        this.y = source["y"];
	        this.ratio = source["ratio"];
	        this.angle = source["angle"];
	    }
	}
	export class ViewFocus {
	    nodeIds: string[];
	    steps: number;
	    hide?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ViewFocus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodeIds = source["nodeIds"];
	        this.steps = source["steps"];
	        this.hide = source["hide"];
	    }
	}
	export class ViewState {
	    hidden?: Record<string, Array<string>>;
	    tags?: string[];
	    color: string;
	    size: string;
	    focus?: ViewFocus;
	    camera?: ViewCamera;
	
	    static createFrom(source: any = {}) {
	        return new ViewState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hidden = source["hidden"];
	        this.tags = source["tags"];
	        this.color = source["color"];
	        this.size = source["size"];
	        this.focus = this.convertValues(source["focus"], ViewFocus);
	        this.camera = this.convertValues(source["camera"], ViewCamera);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class View {
	    id: string;
	    name: string;
	    state: ViewState;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new View(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.state = this.convertValues(source["state"], ViewState);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	

}

export namespace search {
	
	export class Span {
	    text: string;
	    mark?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Span(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.mark = source["mark"];
	    }
	}
	export class Hit {
	    kind: string;
	    id: string;
	    title: string;
	    // Go type: time
	    date: any;
	    type: string;
	    field: string;
	    snippet: Span[];
	    score: number;
	
	    static createFrom(source: any = {}) {
	        return new Hit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.title = source["title"];
	        this.date = this.convertValues(source["date"], null);
	        this.type = source["type"];
	        this.field = source["field"];
	        this.snippet = this.convertValues(source["snippet"], Span);
	        this.score = source["score"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    hits: Hit[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hits = this.convertValues(source["hits"], Hit);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace service {
	
	export class ActivityNodeColumns {
	    id: string[];
	    lastInteraction: string[];
	    interactions: number[];
	    cadence: number[];
	    dueAt: string[];
	    due: boolean[];
	    overdueDays: number[];
	    status: string[];
	    computed: boolean[];
	    reason: string[];
	
	    static createFrom(source: any = {}) {
	        return new ActivityNodeColumns(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.lastInteraction = source["lastInteraction"];
	        this.interactions = source["interactions"];
	        this.cadence = source["cadence"];
	        this.dueAt = source["dueAt"];
	        this.due = source["due"];
	        this.overdueDays = source["overdueDays"];
	        this.status = source["status"];
	        this.computed = source["computed"];
	        this.reason = source["reason"];
	    }
	}
	export class ActivityColumns {
	    version: number;
	    at: string;
	    quietPeriodDays: number;
	    nodes: ActivityNodeColumns;
	
	    static createFrom(source: any = {}) {
	        return new ActivityColumns(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.at = source["at"];
	        this.quietPeriodDays = source["quietPeriodDays"];
	        this.nodes = this.convertValues(source["nodes"], ActivityNodeColumns);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ContextUse {
	    name: string;
	    nodes: number;
	
	    static createFrom(source: any = {}) {
	        return new ContextUse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.nodes = source["nodes"];
	    }
	}
	export class ContextList {
	    contexts: ContextUse[];
	    unlisted: ContextUse[];
	
	    static createFrom(source: any = {}) {
	        return new ContextList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contexts = this.convertValues(source["contexts"], ContextUse);
	        this.unlisted = this.convertValues(source["unlisted"], ContextUse);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DayCount {
	    date: string;
	    entries: number;
	
	    static createFrom(source: any = {}) {
	        return new DayCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.entries = source["entries"];
	    }
	}
	export class DayCounts {
	    from: string;
	    to: string;
	    tz: string;
	    days: DayCount[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new DayCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.tz = source["tz"];
	        this.days = this.convertValues(source["days"], DayCount);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DueNode {
	    nodeId: string;
	    label: string;
	    kind: string;
	    cadence: number;
	    dueAt: string;
	    overdueDays: number;
	    lastInteraction: string;
	
	    static createFrom(source: any = {}) {
	        return new DueNode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodeId = source["nodeId"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.cadence = source["cadence"];
	        this.dueAt = source["dueAt"];
	        this.overdueDays = source["overdueDays"];
	        this.lastInteraction = source["lastInteraction"];
	    }
	}
	export class DuplicateMatch {
	    id: string;
	    label: string;
	    kind: string;
	    reasons: string[];
	
	    static createFrom(source: any = {}) {
	        return new DuplicateMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.reasons = source["reasons"];
	    }
	}
	export class DuplicateGroup {
	    reason: string;
	    nodes: DuplicateMatch[];
	
	    static createFrom(source: any = {}) {
	        return new DuplicateGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reason = source["reason"];
	        this.nodes = this.convertValues(source["nodes"], DuplicateMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DuplicateQuery {
	    exceptId?: string;
	    label: string;
	    emails?: string[];
	    url?: string;
	    feedUrl?: string;
	
	    static createFrom(source: any = {}) {
	        return new DuplicateQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.exceptId = source["exceptId"];
	        this.label = source["label"];
	        this.emails = source["emails"];
	        this.url = source["url"];
	        this.feedUrl = source["feedUrl"];
	    }
	}
	export class EncryptionStatus {
	    encrypted: boolean;
	    dataDir: string;
	    since?: string;
	    changed?: string;
	    kdf?: string;
	    unprotected?: string[];
	    warning: string;
	
	    static createFrom(source: any = {}) {
	        return new EncryptionStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.encrypted = source["encrypted"];
	        this.dataDir = source["dataDir"];
	        this.since = source["since"];
	        this.changed = source["changed"];
	        this.kdf = source["kdf"];
	        this.unprotected = source["unprotected"];
	        this.warning = source["warning"];
	    }
	}
	export class EntryPage {
	    entries: pln.Entry[];
	    next: string;
	
	    static createFrom(source: any = {}) {
	        return new EntryPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], pln.Entry);
	        this.next = source["next"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntryQuery {
	    // Go type: time
	    from: any;
	    // Go type: time
	    to: any;
	    nodeId: string;
	    limit: number;
	    cursor: string;
	
	    static createFrom(source: any = {}) {
	        return new EntryQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = this.convertValues(source["from"], null);
	        this.to = this.convertValues(source["to"], null);
	        this.nodeId = source["nodeId"];
	        this.limit = source["limit"];
	        this.cursor = source["cursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalMonth {
	    month: string;
	    entries: number;
	
	    static createFrom(source: any = {}) {
	        return new GoalMonth(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.entries = source["entries"];
	    }
	}
	export class GoalHistory {
	    entries: pln.Entry[];
	    months: GoalMonth[];
	    more: boolean;
	
	    static createFrom(source: any = {}) {
	        return new GoalHistory(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], pln.Entry);
	        this.months = this.convertValues(source["months"], GoalMonth);
	        this.more = source["more"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class GoalView {
	    goal: pln.Goal;
	    nobodyHelping: boolean;
	
	    static createFrom(source: any = {}) {
	        return new GoalView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.goal = this.convertValues(source["goal"], pln.Goal);
	        this.nobodyHelping = source["nobodyHelping"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HistoryPage {
	    steps: pln.HistoryStep[];
	    next: string;
	    oldest: string;
	
	    static createFrom(source: any = {}) {
	        return new HistoryPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.steps = this.convertValues(source["steps"], pln.HistoryStep);
	        this.next = source["next"];
	        this.oldest = source["oldest"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Network {
	    ego: string;
	    nodes: pln.Node[];
	    ties: pln.Tie[];
	
	    static createFrom(source: any = {}) {
	        return new Network(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ego = source["ego"];
	        this.nodes = this.convertValues(source["nodes"], pln.Node);
	        this.ties = this.convertValues(source["ties"], pln.Tie);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NodeActivity {
	    nodeId: string;
	    lastInteraction: string;
	    interactions: number;
	    cadence: number;
	    dueAt: string;
	    due: boolean;
	    overdueDays: number;
	    status: string;
	    computed: boolean;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new NodeActivity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodeId = source["nodeId"];
	        this.lastInteraction = source["lastInteraction"];
	        this.interactions = source["interactions"];
	        this.cadence = source["cadence"];
	        this.dueAt = source["dueAt"];
	        this.due = source["due"];
	        this.overdueDays = source["overdueDays"];
	        this.status = source["status"];
	        this.computed = source["computed"];
	        this.reason = source["reason"];
	    }
	}
	export class SearchFilters {
	    kinds?: string[];
	    from?: string;
	    to?: string;
	    nodeIds?: string[];
	    tags?: string[];
	    types?: string[];
	    goalIds?: string[];
	    limit?: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchFilters(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kinds = source["kinds"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.nodeIds = source["nodeIds"];
	        this.tags = source["tags"];
	        this.types = source["types"];
	        this.goalIds = source["goalIds"];
	        this.limit = source["limit"];
	    }
	}
	export class SearchProgress {
	    building: boolean;
	    ready: boolean;
	    done: number;
	    total: number;
	    inMemory: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SearchProgress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.building = source["building"];
	        this.ready = source["ready"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.inMemory = source["inMemory"];
	    }
	}

}

export namespace store {
	
	export class Problem {
	    file: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.reason = source["reason"];
	    }
	}
	export class SalvageReport {
	    Nodes: number;
	    Ties: number;
	    Entries: number;
	    Images: number;
	    Unreadable: Problem[];
	
	    static createFrom(source: any = {}) {
	        return new SalvageReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Nodes = source["Nodes"];
	        this.Ties = source["Ties"];
	        this.Entries = source["Entries"];
	        this.Images = source["Images"];
	        this.Unreadable = this.convertValues(source["Unreadable"], Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

