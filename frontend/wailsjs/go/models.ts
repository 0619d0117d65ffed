export namespace app {
	
	export class About {
	    name: string;
	    version: string;
	    dataDir: string;
	
	    static createFrom(source: any = {}) {
	        return new About(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	    }
	}
	export class Refusal {
	    name: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Refusal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.message = source["message"];
	    }
	}
	export class AttachResult {
	    attached: desk.Attachment[];
	    refused: Refusal[];
	
	    static createFrom(source: any = {}) {
	        return new AttachResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.attached = this.convertValues(source["attached"], desk.Attachment);
	        this.refused = this.convertValues(source["refused"], Refusal);
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
	export class AttachmentLimits {
	    maxMb: number;
	    kinds: string[];
	
	    static createFrom(source: any = {}) {
	        return new AttachmentLimits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.maxMb = source["maxMb"];
	        this.kinds = source["kinds"];
	    }
	}
	export class AttachmentProblem {
	    hash: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new AttachmentProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hash = source["hash"];
	        this.message = source["message"];
	    }
	}
	export class BackupList {
	    folder: string;
	    backups: backup.Entry[];
	    keep: number;
	
	    static createFrom(source: any = {}) {
	        return new BackupList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.folder = source["folder"];
	        this.backups = this.convertValues(source["backups"], backup.Entry);
	        this.keep = source["keep"];
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
	export class CheckResult {
	    ok: boolean;
	    message: string;
	    details: string;
	
	    static createFrom(source: any = {}) {
	        return new CheckResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.details = source["details"];
	    }
	}
	export class ImportField {
	    key: string;
	    label: string;
	    required: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.required = source["required"];
	    }
	}
	export class ImportPreview {
	    path: string;
	    name: string;
	    format: string;
	    encoding: string;
	    separator: string;
	    columns: string[];
	    rows: string[][];
	    fields: ImportField[];
	    mapping: {[key: string]: string};
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.format = source["format"];
	        this.encoding = source["encoding"];
	        this.separator = source["separator"];
	        this.columns = source["columns"];
	        this.rows = source["rows"];
	        this.fields = this.convertValues(source["fields"], ImportField);
	        this.mapping = source["mapping"];
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
	export class ImportRequest {
	    path: string;
	    kind: string;
	    mapping: {[key: string]: string};
	    duplicates: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.kind = source["kind"];
	        this.mapping = source["mapping"];
	        this.duplicates = source["duplicates"];
	    }
	}
	export class InboxFile {
	    name: string;
	    size: number;
	    modTime: string;
	    suggestedTicketId: string;
	    suggestedTicketNumber: number;
	
	    static createFrom(source: any = {}) {
	        return new InboxFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.size = source["size"];
	        this.modTime = source["modTime"];
	        this.suggestedTicketId = source["suggestedTicketId"];
	        this.suggestedTicketNumber = source["suggestedTicketNumber"];
	    }
	}
	export class InboxState {
	    folder: string;
	    watching: boolean;
	    problem: string;
	    files: InboxFile[];
	
	    static createFrom(source: any = {}) {
	        return new InboxState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.folder = source["folder"];
	        this.watching = source["watching"];
	        this.problem = source["problem"];
	        this.files = this.convertValues(source["files"], InboxFile);
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
	export class PrintPage {
	    title: string;
	    pageSize: string;
	    html: string;
	
	    static createFrom(source: any = {}) {
	        return new PrintPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.pageSize = source["pageSize"];
	        this.html = source["html"];
	    }
	}
	export class PrintSettings {
	    receiptAfterCreate: boolean;
	    pageSize: string;
	
	    static createFrom(source: any = {}) {
	        return new PrintSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.receiptAfterCreate = source["receiptAfterCreate"];
	        this.pageSize = source["pageSize"];
	    }
	}
	export class RecoveryState {
	    needed: boolean;
	    kind: string;
	    message: string;
	    details: string;
	    dataDir: string;
	    backups: backup.Entry[];
	
	    static createFrom(source: any = {}) {
	        return new RecoveryState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.needed = source["needed"];
	        this.kind = source["kind"];
	        this.message = source["message"];
	        this.details = source["details"];
	        this.dataDir = source["dataDir"];
	        this.backups = this.convertValues(source["backups"], backup.Entry);
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
	
	export class SignInChoice {
	    id: string;
	    name: string;
	    role: string;
	    credential: string;
	
	    static createFrom(source: any = {}) {
	        return new SignInChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.credential = source["credential"];
	    }
	}
	export class SessionState {
	    signedIn: boolean;
	    locked: boolean;
	    user?: desk.User;
	    users: SignInChoice[];
	    lastUserId: string;
	    lockMinutes: number;
	    can: string[];
	
	    static createFrom(source: any = {}) {
	        return new SessionState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.signedIn = source["signedIn"];
	        this.locked = source["locked"];
	        this.user = this.convertValues(source["user"], desk.User);
	        this.users = this.convertValues(source["users"], SignInChoice);
	        this.lastUserId = source["lastUserId"];
	        this.lockMinutes = source["lockMinutes"];
	        this.can = source["can"];
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
	
	export class TemplateSaved {
	    template: desk.Template;
	    warnings: desk.TemplateWarning[];
	
	    static createFrom(source: any = {}) {
	        return new TemplateSaved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.template = this.convertValues(source["template"], desk.Template);
	        this.warnings = this.convertValues(source["warnings"], desk.TemplateWarning);
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

export namespace backup {
	
	export class Entry {
	    name: string;
	    path: string;
	    kind: string;
	    createdAt: string;
	    size: number;
	    tickets: number;
	    files: number;
	    readable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.kind = source["kind"];
	        this.createdAt = source["createdAt"];
	        this.size = source["size"];
	        this.tickets = source["tickets"];
	        this.files = source["files"];
	        this.readable = source["readable"];
	    }
	}

}

export namespace desk {
	
	export class UserRef {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new UserRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Activity {
	    id: string;
	    kind: string;
	    actor: UserRef;
	    body: string;
	    from: string;
	    to: string;
	    createdAt: string;
	    channel: string;
	
	    static createFrom(source: any = {}) {
	        return new Activity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.actor = this.convertValues(source["actor"], UserRef);
	        this.body = source["body"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.createdAt = source["createdAt"];
	        this.channel = source["channel"];
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
	export class User {
	    id: string;
	    name: string;
	    role: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new User(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.active = source["active"];
	    }
	}
	export class AppState {
	    initialized: boolean;
	    orgName: string;
	    currentUser?: User;
	    dataDir: string;
	
	    static createFrom(source: any = {}) {
	        return new AppState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.initialized = source["initialized"];
	        this.orgName = source["orgName"];
	        this.currentUser = this.convertValues(source["currentUser"], User);
	        this.dataDir = source["dataDir"];
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
	export class Attachment {
	    id: string;
	    ticketId: string;
	    name: string;
	    size: number;
	    mime: string;
	    hash: string;
	    addedBy: UserRef;
	    addedAt: string;
	    preview: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Attachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ticketId = source["ticketId"];
	        this.name = source["name"];
	        this.size = source["size"];
	        this.mime = source["mime"];
	        this.hash = source["hash"];
	        this.addedBy = this.convertValues(source["addedBy"], UserRef);
	        this.addedAt = source["addedAt"];
	        this.preview = source["preview"];
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
	export class AuditEntry {
	    seq: number;
	    at: string;
	    actorId: string;
	    actor: string;
	    workstation: string;
	    workstationName: string;
	    kind: string;
	    kindLabel: string;
	    ticketNumber: number;
	    what: string;
	    old: string;
	    new: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.at = source["at"];
	        this.actorId = source["actorId"];
	        this.actor = source["actor"];
	        this.workstation = source["workstation"];
	        this.workstationName = source["workstationName"];
	        this.kind = source["kind"];
	        this.kindLabel = source["kindLabel"];
	        this.ticketNumber = source["ticketNumber"];
	        this.what = source["what"];
	        this.old = source["old"];
	        this.new = source["new"];
	    }
	}
	export class AuditFilter {
	    actorId: string;
	    ticket: string;
	    kind: string;
	    from: string;
	    to: string;
	    zone: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.actorId = source["actorId"];
	        this.ticket = source["ticket"];
	        this.kind = source["kind"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.zone = source["zone"];
	    }
	}
	export class AuditPage {
	    entries: AuditEntry[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], AuditEntry);
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
	export class AuditVerdict {
	    ok: boolean;
	    checked: number;
	    message: string;
	    problem: string;
	    seq: number;
	    at: string;
	    kind: string;
	    actor: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditVerdict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.checked = source["checked"];
	        this.message = source["message"];
	        this.problem = source["problem"];
	        this.seq = source["seq"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.actor = source["actor"];
	    }
	}
	export class BulkRequest {
	    jobId: string;
	    ticketIds: string[];
	    action: string;
	    status: string;
	    userIds: string[];
	    userId: string;
	    priority: string;
	    subjectId: string;
	    note: string;
	    resolution: string;
	    customerConfirmed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BulkRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jobId = source["jobId"];
	        this.ticketIds = source["ticketIds"];
	        this.action = source["action"];
	        this.status = source["status"];
	        this.userIds = source["userIds"];
	        this.userId = source["userId"];
	        this.priority = source["priority"];
	        this.subjectId = source["subjectId"];
	        this.note = source["note"];
	        this.resolution = source["resolution"];
	        this.customerConfirmed = source["customerConfirmed"];
	    }
	}
	export class BulkSkip {
	    ticketId: string;
	    number: number;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new BulkSkip(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ticketId = source["ticketId"];
	        this.number = source["number"];
	        this.reason = source["reason"];
	    }
	}
	export class BulkResult {
	    jobId: string;
	    action: string;
	    total: number;
	    done: number;
	    doneIds: string[];
	    skipped: BulkSkip[];
	    summary: string;
	
	    static createFrom(source: any = {}) {
	        return new BulkResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jobId = source["jobId"];
	        this.action = source["action"];
	        this.total = source["total"];
	        this.done = source["done"];
	        this.doneIds = source["doneIds"];
	        this.skipped = this.convertValues(source["skipped"], BulkSkip);
	        this.summary = source["summary"];
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
	
	export class CatalogInput {
	    id: string;
	    name: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CatalogInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.active = source["active"];
	    }
	}
	export class CatalogItem {
	    id: string;
	    name: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CatalogItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.active = source["active"];
	    }
	}
	export class ChangedTicket {
	    id: string;
	    number: number;
	    status: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangedTicket(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.status = source["status"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Contact {
	    id: string;
	    kind: string;
	    name: string;
	    mobile: string;
	    email: string;
	    leadStatus: string;
	    createdAt: string;
	    updatedAt: string;
	    mergedInto: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.mobile = source["mobile"];
	        this.email = source["email"];
	        this.leadStatus = source["leadStatus"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.mergedInto = source["mergedInto"];
	    }
	}
	export class SLABadge {
	    clock: string;
	    state: string;
	    due: string;
	    resumeDue: string;
	    business: boolean;
	    leftSeconds: number;
	    overdueSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new SLABadge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clock = source["clock"];
	        this.state = source["state"];
	        this.due = source["due"];
	        this.resumeDue = source["resumeDue"];
	        this.business = source["business"];
	        this.leftSeconds = source["leftSeconds"];
	        this.overdueSeconds = source["overdueSeconds"];
	    }
	}
	export class TicketSummary {
	    id: string;
	    number: number;
	    status: string;
	    priority: string;
	    subjects: CatalogItem[];
	    contactId: string;
	    contactName: string;
	    contactKind: string;
	    mobile: string;
	    sourceId: string;
	    sourceName: string;
	    assignees: UserRef[];
	    createdAt: string;
	    updatedAt: string;
	    sla?: SLABadge;
	
	    static createFrom(source: any = {}) {
	        return new TicketSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.status = source["status"];
	        this.priority = source["priority"];
	        this.subjects = this.convertValues(source["subjects"], CatalogItem);
	        this.contactId = source["contactId"];
	        this.contactName = source["contactName"];
	        this.contactKind = source["contactKind"];
	        this.mobile = source["mobile"];
	        this.sourceId = source["sourceId"];
	        this.sourceName = source["sourceName"];
	        this.assignees = this.convertValues(source["assignees"], UserRef);
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.sla = this.convertValues(source["sla"], SLABadge);
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
	export class ContactDetail {
	    contact: Contact;
	    tickets: TicketSummary[];
	
	    static createFrom(source: any = {}) {
	        return new ContactDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contact = this.convertValues(source["contact"], Contact);
	        this.tickets = this.convertValues(source["tickets"], TicketSummary);
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
	export class ContactInput {
	    id: string;
	    kind: string;
	    name: string;
	    mobile: string;
	    email: string;
	    leadStatus: string;
	    allowDuplicate: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ContactInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.mobile = source["mobile"];
	        this.email = source["email"];
	        this.leadStatus = source["leadStatus"];
	        this.allowDuplicate = source["allowDuplicate"];
	    }
	}
	export class Workload {
	    user: UserRef;
	    open: number;
	    inProgress: number;
	    waiting: number;
	    resolved: number;
	    breached: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Workload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.user = this.convertValues(source["user"], UserRef);
	        this.open = source["open"];
	        this.inProgress = source["inProgress"];
	        this.waiting = source["waiting"];
	        this.resolved = source["resolved"];
	        this.breached = source["breached"];
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
	export class StatusCount {
	    status: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new StatusCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class Dashboard {
	    at: string;
	    statuses: StatusCount[];
	    active: number;
	    unassigned: number;
	    slaBreached: number;
	    slaBreachingSoon: number;
	    createdToday: number;
	    createdWeek: number;
	    closedWeek: number;
	    team: Workload[];
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.statuses = this.convertValues(source["statuses"], StatusCount);
	        this.active = source["active"];
	        this.unassigned = source["unassigned"];
	        this.slaBreached = source["slaBreached"];
	        this.slaBreachingSoon = source["slaBreachingSoon"];
	        this.createdToday = source["createdToday"];
	        this.createdWeek = source["createdWeek"];
	        this.closedWeek = source["closedWeek"];
	        this.team = this.convertValues(source["team"], Workload);
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
	    day: string;
	    created: number;
	    resolved: number;
	
	    static createFrom(source: any = {}) {
	        return new DayCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.created = source["created"];
	        this.resolved = source["resolved"];
	    }
	}
	export class DuplicateGroup {
	    mobile: string;
	    contacts: Contact[];
	
	    static createFrom(source: any = {}) {
	        return new DuplicateGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mobile = source["mobile"];
	        this.contacts = this.convertValues(source["contacts"], Contact);
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
	export class FieldConflict {
	    field: string;
	    other: string;
	    by: UserRef;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldConflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.other = source["other"];
	        this.by = this.convertValues(source["by"], UserRef);
	        this.at = source["at"];
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
	export class RowError {
	    row: number;
	    field: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new RowError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class ImportResult {
	    created: number;
	    updated: number;
	    skipped: number;
	    errors: RowError[];
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.skipped = source["skipped"];
	        this.errors = this.convertValues(source["errors"], RowError);
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
	export class InsightFilter {
	    from: string;
	    to: string;
	    subjectId: string;
	    sourceId: string;
	    assigneeId: string;
	
	    static createFrom(source: any = {}) {
	        return new InsightFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.subjectId = source["subjectId"];
	        this.sourceId = source["sourceId"];
	        this.assigneeId = source["assigneeId"];
	    }
	}
	export class Slice {
	    key: string;
	    label: string;
	    count: number;
	    createdFrom?: string;
	    createdTo?: string;
	
	    static createFrom(source: any = {}) {
	        return new Slice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.count = source["count"];
	        this.createdFrom = source["createdFrom"];
	        this.createdTo = source["createdTo"];
	    }
	}
	export class MyInsight {
	    at: string;
	    openByStatus: Slice[];
	    tasksDue: number;
	    tasksOverdue: number;
	    slaBreached: number;
	    slaAtRisk: number;
	    seenAt: string;
	    changed: ChangedTicket[];
	    changedCount: number;
	
	    static createFrom(source: any = {}) {
	        return new MyInsight(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.openByStatus = this.convertValues(source["openByStatus"], Slice);
	        this.tasksDue = source["tasksDue"];
	        this.tasksOverdue = source["tasksOverdue"];
	        this.slaBreached = source["slaBreached"];
	        this.slaAtRisk = source["slaAtRisk"];
	        this.seenAt = source["seenAt"];
	        this.changed = this.convertValues(source["changed"], ChangedTicket);
	        this.changedCount = source["changedCount"];
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
	export class NewTicket {
	    subjectIds: string[];
	    contactId: string;
	    mobile: string;
	    sourceId: string;
	    description: string;
	    priority: string;
	
	    static createFrom(source: any = {}) {
	        return new NewTicket(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subjectIds = source["subjectIds"];
	        this.contactId = source["contactId"];
	        this.mobile = source["mobile"];
	        this.sourceId = source["sourceId"];
	        this.description = source["description"];
	        this.priority = source["priority"];
	    }
	}
	export class Notification {
	    id: string;
	    kind: string;
	    ticketId: string;
	    ticketNumber: number;
	    title: string;
	    body: string;
	    createdAt: string;
	    read: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Notification(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.ticketId = source["ticketId"];
	        this.ticketNumber = source["ticketNumber"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.createdAt = source["createdAt"];
	        this.read = source["read"];
	    }
	}
	export class NotificationList {
	    items: Notification[];
	    unread: number;
	
	    static createFrom(source: any = {}) {
	        return new NotificationList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Notification);
	        this.unread = source["unread"];
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
	export class NotificationPrefs {
	    desktopKinds: string[];
	    dndEnabled: boolean;
	    dndStart: string;
	    dndEnd: string;
	    newTickets: boolean;
	    unassigned: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NotificationPrefs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.desktopKinds = source["desktopKinds"];
	        this.dndEnabled = source["dndEnabled"];
	        this.dndStart = source["dndStart"];
	        this.dndEnd = source["dndEnd"];
	        this.newTickets = source["newTickets"];
	        this.unassigned = source["unassigned"];
	    }
	}
	export class Option {
	    value: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	    }
	}
	export class QueueCounts {
	    mine: number;
	    all: number;
	
	    static createFrom(source: any = {}) {
	        return new QueueCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mine = source["mine"];
	        this.all = source["all"];
	    }
	}
	export class TemplateWarning {
	    variable: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TemplateWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.variable = source["variable"];
	        this.message = source["message"];
	    }
	}
	export class RenderedTemplate {
	    text: string;
	    warnings: TemplateWarning[];
	
	    static createFrom(source: any = {}) {
	        return new RenderedTemplate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.warnings = this.convertValues(source["warnings"], TemplateWarning);
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
	
	
	export class SLAClock {
	    kind: string;
	    label: string;
	    state: string;
	    warning: boolean;
	    due: string;
	    resumeDue: string;
	    targetSeconds: number;
	    elapsedSeconds: number;
	    pausedSeconds: number;
	    leftSeconds: number;
	    overdueSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new SLAClock(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.label = source["label"];
	        this.state = source["state"];
	        this.warning = source["warning"];
	        this.due = source["due"];
	        this.resumeDue = source["resumeDue"];
	        this.targetSeconds = source["targetSeconds"];
	        this.elapsedSeconds = source["elapsedSeconds"];
	        this.pausedSeconds = source["pausedSeconds"];
	        this.leftSeconds = source["leftSeconds"];
	        this.overdueSeconds = source["overdueSeconds"];
	    }
	}
	export class SLAConfig {
	    calendars: sla.Calendar[];
	    policies: sla.Policy[];
	    default: sla.Policy;
	
	    static createFrom(source: any = {}) {
	        return new SLAConfig(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.calendars = this.convertValues(source["calendars"], sla.Calendar);
	        this.policies = this.convertValues(source["policies"], sla.Policy);
	        this.default = this.convertValues(source["default"], sla.Policy);
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
	export class TimeStats {
	    count: number;
	    met: number;
	    metShare: number;
	    medianSecs: number;
	    p90Secs: number;
	
	    static createFrom(source: any = {}) {
	        return new TimeStats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.met = source["met"];
	        this.metShare = source["metShare"];
	        this.medianSecs = source["medianSecs"];
	        this.p90Secs = source["p90Secs"];
	    }
	}
	export class SLARow {
	    key: string;
	    label: string;
	    response: TimeStats;
	    resolution: TimeStats;
	
	    static createFrom(source: any = {}) {
	        return new SLARow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.response = this.convertValues(source["response"], TimeStats);
	        this.resolution = this.convertValues(source["resolution"], TimeStats);
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
	export class SOPChecklist {
	    resolutionNote: boolean;
	    customerConfirmed: boolean;
	    tasksCompleted: boolean;
	    closed: boolean;
	    openTasks: number;
	
	    static createFrom(source: any = {}) {
	        return new SOPChecklist(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.resolutionNote = source["resolutionNote"];
	        this.customerConfirmed = source["customerConfirmed"];
	        this.tasksCompleted = source["tasksCompleted"];
	        this.closed = source["closed"];
	        this.openTasks = source["openTasks"];
	    }
	}
	export class SOPRules {
	    resolutionOptional: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SOPRules(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.resolutionOptional = source["resolutionOptional"];
	    }
	}
	export class TicketFilter {
	    view: string;
	    statuses: string[];
	    assigneeIds: string[];
	    subjectIds: string[];
	    sourceIds: string[];
	    priorities: string[];
	    sla: string;
	    createdFrom: string;
	    createdTo: string;
	    sort: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new TicketFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.view = source["view"];
	        this.statuses = source["statuses"];
	        this.assigneeIds = source["assigneeIds"];
	        this.subjectIds = source["subjectIds"];
	        this.sourceIds = source["sourceIds"];
	        this.priorities = source["priorities"];
	        this.sla = source["sla"];
	        this.createdFrom = source["createdFrom"];
	        this.createdTo = source["createdTo"];
	        this.sort = source["sort"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class SavedView {
	    id: string;
	    name: string;
	    shared: boolean;
	    pinned: boolean;
	    filter: TicketFilter;
	    owner: UserRef;
	    canEdit: boolean;
	    count: number;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SavedView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.shared = source["shared"];
	        this.pinned = source["pinned"];
	        this.filter = this.convertValues(source["filter"], TicketFilter);
	        this.owner = this.convertValues(source["owner"], UserRef);
	        this.canEdit = source["canEdit"];
	        this.count = source["count"];
	        this.updatedAt = source["updatedAt"];
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
	export class SearchHit {
	    ticket: TicketSummary;
	    snippet: string;
	    contact: string;
	    mobile: string;
	
	    static createFrom(source: any = {}) {
	        return new SearchHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ticket = this.convertValues(source["ticket"], TicketSummary);
	        this.snippet = source["snippet"];
	        this.contact = source["contact"];
	        this.mobile = source["mobile"];
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
	
	export class StatusChange {
	    status: string;
	    note: string;
	    resolution: string;
	    customerConfirmed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StatusChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.note = source["note"];
	        this.resolution = source["resolution"];
	        this.customerConfirmed = source["customerConfirmed"];
	    }
	}
	
	export class StatusMove {
	    to: string;
	    label: string;
	    needs: string[];
	
	    static createFrom(source: any = {}) {
	        return new StatusMove(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.to = source["to"];
	        this.label = source["label"];
	        this.needs = source["needs"];
	    }
	}
	export class SyncRejection {
	    opId: string;
	    kind: string;
	    entityId: string;
	    byHub: boolean;
	    reason: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncRejection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opId = source["opId"];
	        this.kind = source["kind"];
	        this.entityId = source["entityId"];
	        this.byHub = source["byHub"];
	        this.reason = source["reason"];
	        this.at = source["at"];
	    }
	}
	export class Task {
	    id: string;
	    ticketId: string;
	    ticketNumber: number;
	    contactName: string;
	    title: string;
	    notes: string;
	    due: string;
	    assignee: UserRef;
	    createdBy: UserRef;
	    done: boolean;
	    doneAt: string;
	    overdue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Task(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ticketId = source["ticketId"];
	        this.ticketNumber = source["ticketNumber"];
	        this.contactName = source["contactName"];
	        this.title = source["title"];
	        this.notes = source["notes"];
	        this.due = source["due"];
	        this.assignee = this.convertValues(source["assignee"], UserRef);
	        this.createdBy = this.convertValues(source["createdBy"], UserRef);
	        this.done = source["done"];
	        this.doneAt = source["doneAt"];
	        this.overdue = source["overdue"];
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
	export class TaskCounts {
	    open: number;
	    overdue: number;
	    dueToday: number;
	
	    static createFrom(source: any = {}) {
	        return new TaskCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.open = source["open"];
	        this.overdue = source["overdue"];
	        this.dueToday = source["dueToday"];
	    }
	}
	export class TaskInput {
	    id: string;
	    ticketId: string;
	    title: string;
	    due: string;
	    assigneeId: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new TaskInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ticketId = source["ticketId"];
	        this.title = source["title"];
	        this.due = source["due"];
	        this.assigneeId = source["assigneeId"];
	        this.notes = source["notes"];
	    }
	}
	export class TeamInsight {
	    at: string;
	    filter: InsightFilter;
	    days: DayCount[];
	    created: number;
	    resolved: number;
	    openByStatus: Slice[];
	    openBySubject: Slice[];
	    openBySource: Slice[];
	    openByAssignee: Slice[];
	    age: Slice[];
	    hours: number[];
	    weekdays: number[];
	    sla: SLARow;
	    slaWeeks: SLARow[];
	    slaSubjects: SLARow[];
	    slaPeople: SLARow[];
	
	    static createFrom(source: any = {}) {
	        return new TeamInsight(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.filter = this.convertValues(source["filter"], InsightFilter);
	        this.days = this.convertValues(source["days"], DayCount);
	        this.created = source["created"];
	        this.resolved = source["resolved"];
	        this.openByStatus = this.convertValues(source["openByStatus"], Slice);
	        this.openBySubject = this.convertValues(source["openBySubject"], Slice);
	        this.openBySource = this.convertValues(source["openBySource"], Slice);
	        this.openByAssignee = this.convertValues(source["openByAssignee"], Slice);
	        this.age = this.convertValues(source["age"], Slice);
	        this.hours = source["hours"];
	        this.weekdays = source["weekdays"];
	        this.sla = this.convertValues(source["sla"], SLARow);
	        this.slaWeeks = this.convertValues(source["slaWeeks"], SLARow);
	        this.slaSubjects = this.convertValues(source["slaSubjects"], SLARow);
	        this.slaPeople = this.convertValues(source["slaPeople"], SLARow);
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
	export class TeamStatus {
	    joined: boolean;
	    url: string;
	    online: boolean;
	    syncing: boolean;
	    pending: number;
	    rejected: number;
	    lastSync: string;
	    problem: string;
	    pulled: number;
	    head: number;
	    installId: string;
	    canManage: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TeamStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.joined = source["joined"];
	        this.url = source["url"];
	        this.online = source["online"];
	        this.syncing = source["syncing"];
	        this.pending = source["pending"];
	        this.rejected = source["rejected"];
	        this.lastSync = source["lastSync"];
	        this.problem = source["problem"];
	        this.pulled = source["pulled"];
	        this.head = source["head"];
	        this.installId = source["installId"];
	        this.canManage = source["canManage"];
	    }
	}
	export class Template {
	    id: string;
	    name: string;
	    body: string;
	    shared: boolean;
	    owner: UserRef;
	    canEdit: boolean;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.body = source["body"];
	        this.shared = source["shared"];
	        this.owner = this.convertValues(source["owner"], UserRef);
	        this.canEdit = source["canEdit"];
	        this.updatedAt = source["updatedAt"];
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
	export class TemplateInput {
	    id: string;
	    name: string;
	    body: string;
	    shared: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TemplateInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.body = source["body"];
	        this.shared = source["shared"];
	    }
	}
	
	export class TextLimits {
	    name: number;
	    text: number;
	
	    static createFrom(source: any = {}) {
	        return new TextLimits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.text = source["text"];
	    }
	}
	export class TicketSLA {
	    policyName: string;
	    mode: string;
	    noSla: boolean;
	    clocks: SLAClock[];
	
	    static createFrom(source: any = {}) {
	        return new TicketSLA(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.policyName = source["policyName"];
	        this.mode = source["mode"];
	        this.noSla = source["noSla"];
	        this.clocks = this.convertValues(source["clocks"], SLAClock);
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
	export class TicketDetail {
	    ticket: TicketSummary;
	    description: string;
	    createdBy: UserRef;
	    contact: Contact;
	    otherTickets: TicketSummary[];
	    activity: Activity[];
	    attachments: Attachment[];
	    sla?: TicketSLA;
	    tasks: Task[];
	    sop: SOPChecklist;
	    conflicts: FieldConflict[];
	
	    static createFrom(source: any = {}) {
	        return new TicketDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ticket = this.convertValues(source["ticket"], TicketSummary);
	        this.description = source["description"];
	        this.createdBy = this.convertValues(source["createdBy"], UserRef);
	        this.contact = this.convertValues(source["contact"], Contact);
	        this.otherTickets = this.convertValues(source["otherTickets"], TicketSummary);
	        this.activity = this.convertValues(source["activity"], Activity);
	        this.attachments = this.convertValues(source["attachments"], Attachment);
	        this.sla = this.convertValues(source["sla"], TicketSLA);
	        this.tasks = this.convertValues(source["tasks"], Task);
	        this.sop = this.convertValues(source["sop"], SOPChecklist);
	        this.conflicts = this.convertValues(source["conflicts"], FieldConflict);
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
	export class TicketEdit {
	    mobile: string;
	    sourceId: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new TicketEdit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mobile = source["mobile"];
	        this.sourceId = source["sourceId"];
	        this.description = source["description"];
	    }
	}
	
	export class TicketIDList {
	    ids: string[];
	    total: number;
	    capped: boolean;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TicketIDList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ids = source["ids"];
	        this.total = source["total"];
	        this.capped = source["capped"];
	        this.message = source["message"];
	    }
	}
	export class TicketPage {
	    rows: TicketSummary[];
	    total: number;
	    counts: QueueCounts;
	
	    static createFrom(source: any = {}) {
	        return new TicketPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], TicketSummary);
	        this.total = source["total"];
	        this.counts = this.convertValues(source["counts"], QueueCounts);
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
	
	
	
	
	export class UserInput {
	    id: string;
	    name: string;
	    role: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new UserInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.active = source["active"];
	    }
	}
	
	export class ViewInput {
	    id: string;
	    name: string;
	    shared: boolean;
	    pinned: boolean;
	    filter: TicketFilter;
	
	    static createFrom(source: any = {}) {
	        return new ViewInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.shared = source["shared"];
	        this.pinned = source["pinned"];
	        this.filter = this.convertValues(source["filter"], TicketFilter);
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
	export class Vocabulary {
	    statuses: Option[];
	    priorities: Option[];
	    roles: Option[];
	    leadStatuses: Option[];
	    contactKinds: Option[];
	    limits: TextLimits;
	
	    static createFrom(source: any = {}) {
	        return new Vocabulary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = this.convertValues(source["statuses"], Option);
	        this.priorities = this.convertValues(source["priorities"], Option);
	        this.roles = this.convertValues(source["roles"], Option);
	        this.leadStatuses = this.convertValues(source["leadStatuses"], Option);
	        this.contactKinds = this.convertValues(source["contactKinds"], Option);
	        this.limits = this.convertValues(source["limits"], TextLimits);
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

export namespace sla {
	
	export class Date {
	    Year: number;
	    Month: number;
	    Day: number;
	
	    static createFrom(source: any = {}) {
	        return new Date(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Year = source["Year"];
	        this.Month = source["Month"];
	        this.Day = source["Day"];
	    }
	}
	export class Holiday {
	    date: Date;
	    yearly: boolean;
	    name?: string;
	
	    static createFrom(source: any = {}) {
	        return new Holiday(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = this.convertValues(source["date"], Date);
	        this.yearly = source["yearly"];
	        this.name = source["name"];
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
	export class Window {
	    start: number;
	    end: number;
	
	    static createFrom(source: any = {}) {
	        return new Window(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.start = source["start"];
	        this.end = source["end"];
	    }
	}
	export class Calendar {
	    id?: string;
	    name?: string;
	    zone: string;
	    week: Window[][];
	    holidays: Holiday[];
	
	    static createFrom(source: any = {}) {
	        return new Calendar(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.zone = source["zone"];
	        this.week = this.convertValues(source["week"], Window);
	        this.holidays = this.convertValues(source["holidays"], Holiday);
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
	export class Criteria {
	    priorities: string[];
	    subjectIds: string[];
	    sourceIds: string[];
	    contactKinds: string[];
	
	    static createFrom(source: any = {}) {
	        return new Criteria(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.priorities = source["priorities"];
	        this.subjectIds = source["subjectIds"];
	        this.sourceIds = source["sourceIds"];
	        this.contactKinds = source["contactKinds"];
	    }
	}
	
	
	export class Target {
	    firstResponse: number;
	    resolution: number;
	
	    static createFrom(source: any = {}) {
	        return new Target(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.firstResponse = source["firstResponse"];
	        this.resolution = source["resolution"];
	    }
	}
	export class Policy {
	    id?: string;
	    name?: string;
	    match: Criteria;
	    noSla: boolean;
	    mode: string;
	    calendarId?: string;
	    warnPercent?: number;
	    targets: {[key: string]: Target};
	
	    static createFrom(source: any = {}) {
	        return new Policy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.match = this.convertValues(source["match"], Criteria);
	        this.noSla = source["noSla"];
	        this.mode = source["mode"];
	        this.calendarId = source["calendarId"];
	        this.warnPercent = source["warnPercent"];
	        this.targets = this.convertValues(source["targets"], Target, true);
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

