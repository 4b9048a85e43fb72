//! `/admin/profile`: the about page's content — name, headline, bio, links,
//! tech stack and the experience timeline — edited as one form and saved
//! at once. Problems are shown beside their field; nothing typed is dropped.

use leptos::prelude::*;

use super::editor::format::Edit;
use super::images::{ImageButton, ImageDialog, ImageTools};

use super::{AdminFrame, AdminGate};
use crate::api::{load_profile, save_profile};
use crate::domain::{
    ExperienceEntry, FieldError, LinkEntry, ProfileDoc, ProfileOutcome, StackEntry,
};
use crate::pages::LoadError;

const INPUT: &str = "mt-1 w-full rounded border border-muted bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-red-700 dark:border-night-muted dark:bg-night dark:text-night-ink";
const BUTTON: &str = "rounded border border-rule px-3 py-1 text-sm font-semibold hover:bg-rule dark:border-night-rule dark:hover:bg-night-rule";

#[component]
pub fn ProfilePage() -> impl IntoView {
    let doc = super::load_in_browser(|| (), |()| load_profile());
    view! {
        <AdminGate>
            <AdminFrame title="Profile">
                <h1 class="pt-6 font-serif text-3xl font-semibold tracking-tight">"Profile"</h1>
                {move || match doc.get() {
                    None => view! { <p class="py-6">"Loading your profile…"</p> }.into_any(),
                    Some(Ok(doc)) => view! { <ProfileForm doc /> }.into_any(),
                    Some(Err(error)) => view! { <LoadError error /> }.into_any(),
                }}
            </AdminFrame>
        </AdminGate>
    }
}

#[derive(Clone, Copy)]
struct Form {
    doc: RwSignal<ProfileDoc>,
    errors: RwSignal<Vec<FieldError>>,
}

impl Form {
    fn error(self, field: String) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.errors.with(|e| {
                e.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone())
            })
        })
    }
}

#[component]
fn Field(
    form: Form,
    id: String,
    label: &'static str,
    #[prop(optional)] multiline: bool,
    /// A multiline field that takes images by paste, drop or the button.
    #[prop(optional)]
    images: bool,
    #[prop(optional)] hint: Option<&'static str>,
    get: impl Fn(&ProfileDoc) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut ProfileDoc, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = form.error(id.clone());
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        form.doc.update(|d| set(d, value));
    };
    let control = if multiline {
        let textarea = NodeRef::<leptos::html::Textarea>::new();
        let tools = ImageTools::new(
            textarea,
            Callback::new(move |edit: Edit| form.doc.update(|d| set(d, edit.text))),
        );
        view! {
            {images.then(|| view! { <div class="mt-1"><ImageButton tools /></div> })}
            <textarea id=id.clone() rows="5" class=INPUT prop:value=move || form.doc.with(get)
                node_ref=textarea
                aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described.clone()
                on:input=on_input
                on:paste=move |e| if images { tools.paste(e) }
                on:dragover=move |e| if images { tools.drag_over(e) }
                on:drop=move |e| if images { tools.drop(e) }></textarea>
            {images.then(|| view! { <ImageDialog tools /> })}
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" class=INPUT prop:value=move || form.doc.with(get)
                aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described
                on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div>
            <label for=id class="block text-sm font-semibold">{label}</label>
            {control}
            {hint.map(|h| view! { <p id=hint_id class="mt-1 text-sm text-muted dark:text-night-muted">{h}</p> })}
            // Always in the page, filled when the server names a problem:
            // the field's nodes never move while the author types.
            <p id=error_id class="mt-1 text-sm font-semibold text-red-700 empty:hidden dark:text-red-300">
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

#[component]
fn ProfileForm(doc: ProfileDoc) -> impl IntoView {
    let form = Form {
        doc: RwSignal::new(doc.clone()),
        errors: RwSignal::new(Vec::new()),
    };
    let saved = RwSignal::new(doc);
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        let leaving = window_event_listener(leptos::ev::beforeunload, move |event| {
            if form
                .doc
                .with_untracked(|d| saved.with_untracked(|s| d != s))
            {
                event.prevent_default();
                event.set_return_value("You have changes that are not saved yet.");
            }
        });
        on_cleanup(move || leaving.remove());
    }
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let doc = form.doc.get_untracked();
        status.set("Saving…".into());
        leptos::task::spawn_local(async move {
            match save_profile(doc.clone()).await {
                Ok(ProfileOutcome::Saved { saved_at }) => {
                    form.errors.set(Vec::new());
                    saved.set(doc);
                    status.set(format!(
                        "Saved at {} UTC",
                        saved_at.get(11..16).unwrap_or_default()
                    ));
                }
                Ok(ProfileOutcome::Invalid { errors }) => {
                    form.errors.set(errors);
                    status.set("Not saved — see the fields marked below".into());
                }
                Err(error) => status.set(format!("Not saved: {error}")),
            }
        });
    };
    // Rows are re-created only when their number changes, never while the
    // author types in one (that would take the focus away mid-word).
    let links = Memo::new(move |_| form.doc.with(|d| d.links.len()));
    let groups = Memo::new(move |_| form.doc.with(|d| d.stack.len()));
    let roles = Memo::new(move |_| form.doc.with(|d| d.experience.len()));
    view! {
        <form class="mt-4 max-w-3xl space-y-8" on:submit=submit aria-label="Profile">
            <p role="status" class="text-sm font-semibold">{move || status.get()}</p>
            <section class="space-y-4" aria-labelledby="about-heading">
                <h2 id="about-heading" class="font-serif text-xl font-semibold">"About you"</h2>
                <Field form id="name".into() label="Name" get=|d| d.name.clone() set=|d, v| d.name = v />
                <Field form id="headline".into() label="Headline" get=|d| d.headline.clone() set=|d, v| d.headline = v />
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field form id="location".into() label="Location" get=|d| d.location.clone() set=|d, v| d.location = v />
                    <Field form id="email".into() label="Email" get=|d| d.email.clone() set=|d, v| d.email = v />
                </div>
                <Field form id="bio_md".into() label="Bio (markdown)" multiline=true images=true get=|d| d.bio_md.clone() set=|d, v| d.bio_md = v />
            </section>
            <section class="space-y-4" aria-labelledby="links-heading">
                <h2 id="links-heading" class="font-serif text-xl font-semibold">"Links"</h2>
                <For each=move || 0..links.get() key=|i| *i let:i>
                    <fieldset class="grid gap-3 rounded border border-rule p-3 sm:grid-cols-[1fr_2fr_auto] dark:border-night-rule">
                        <legend class="px-1 text-sm">{format!("Link {}", i + 1)}</legend>
                        <Field form id=format!("links.{i}.label") label="Label"
                            get=move |d| d.links.get(i).map(|l| l.label.clone()).unwrap_or_default()
                            set=move |d, v| if let Some(l) = d.links.get_mut(i) { l.label = v } />
                        <Field form id=format!("links.{i}.url") label="Address" hint="http://, https:// or mailto:"
                            get=move |d| d.links.get(i).map(|l| l.url.clone()).unwrap_or_default()
                            set=move |d, v| if let Some(l) = d.links.get_mut(i) { l.url = v } />
                        <button type="button" class=format!("{BUTTON} self-end") aria-label=format!("Remove link {}", i + 1)
                            on:click=move |_| form.doc.update(|d| { d.links.remove(i); })>"Remove"</button>
                    </fieldset>
                </For>
                <button type="button" class=BUTTON on:click=move |_| form.doc.update(|d| d.links.push(LinkEntry::default()))>"Add a link"</button>
            </section>
            <section class="space-y-4" aria-labelledby="stack-heading">
                <h2 id="stack-heading" class="font-serif text-xl font-semibold">"Tech stack"</h2>
                <For each=move || 0..groups.get() key=|i| *i let:i>
                    <fieldset class="grid gap-3 rounded border border-rule p-3 sm:grid-cols-[1fr_2fr_auto] dark:border-night-rule">
                        <legend class="px-1 text-sm">{format!("Group {}", i + 1)}</legend>
                        <Field form id=format!("stack.{i}.group") label="Group"
                            get=move |d| d.stack.get(i).map(|g| g.group.clone()).unwrap_or_default()
                            set=move |d, v| if let Some(g) = d.stack.get_mut(i) { g.group = v } />
                        <Field form id=format!("stack.{i}.items") label="Items" hint="Separated by commas"
                            get=move |d| d.stack.get(i).map(|g| g.items.clone()).unwrap_or_default()
                            set=move |d, v| if let Some(g) = d.stack.get_mut(i) { g.items = v } />
                        <button type="button" class=format!("{BUTTON} self-end") aria-label=format!("Remove group {}", i + 1)
                            on:click=move |_| form.doc.update(|d| { d.stack.remove(i); })>"Remove"</button>
                    </fieldset>
                </For>
                <button type="button" class=BUTTON on:click=move |_| form.doc.update(|d| d.stack.push(StackEntry::default()))>"Add a group"</button>
            </section>
            <section class="space-y-4" aria-labelledby="experience-heading">
                <h2 id="experience-heading" class="font-serif text-xl font-semibold">"Experience"</h2>
                <For each=move || 0..roles.get() key=|i| *i let:i>
                    <fieldset class="space-y-3 rounded border border-rule p-3 dark:border-night-rule">
                        <legend class="px-1 text-sm">{format!("Role {}", i + 1)}</legend>
                        <div class="grid gap-3 sm:grid-cols-2">
                            <Field form id=format!("experience.{i}.role") label="Role"
                                get=move |d| d.experience.get(i).map(|e| e.role.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.role = v } />
                            <Field form id=format!("experience.{i}.organisation") label="Organisation"
                                get=move |d| d.experience.get(i).map(|e| e.organisation.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.organisation = v } />
                            <Field form id=format!("experience.{i}.url") label="Organisation's address" hint="Optional"
                                get=move |d| d.experience.get(i).map(|e| e.url.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.url = v } />
                            <Field form id=format!("experience.{i}.location") label="Location"
                                get=move |d| d.experience.get(i).map(|e| e.location.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.location = v } />
                            <Field form id=format!("experience.{i}.start_month") label="From (YYYY-MM)"
                                get=move |d| d.experience.get(i).map(|e| e.start_month.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.start_month = v } />
                            <Field form id=format!("experience.{i}.end_month") label="Until (YYYY-MM)" hint="Empty while it is your current role"
                                get=move |d| d.experience.get(i).map(|e| e.end_month.clone()).unwrap_or_default()
                                set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.end_month = v } />
                        </div>
                        <Field form id=format!("experience.{i}.summary_md") label="What you did (markdown)" multiline=true
                            get=move |d| d.experience.get(i).map(|e| e.summary_md.clone()).unwrap_or_default()
                            set=move |d, v| if let Some(e) = d.experience.get_mut(i) { e.summary_md = v } />
                        <button type="button" class=BUTTON aria-label=format!("Remove role {}", i + 1)
                            on:click=move |_| form.doc.update(|d| { d.experience.remove(i); })>"Remove"</button>
                    </fieldset>
                </For>
                <button type="button" class=BUTTON on:click=move |_| form.doc.update(|d| d.experience.insert(0, ExperienceEntry::default()))>"Add a role"</button>
            </section>
            <button type="submit" class="rounded bg-ink px-4 py-2 font-semibold text-paper hover:bg-accent dark:bg-night-ink dark:text-night dark:hover:bg-night-accent">
                "Save profile"
            </button>
        </form>
    }
}
