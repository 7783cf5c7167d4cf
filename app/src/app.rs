//! The HTML shell and the route table.
use crate::api::{
    Answer, Appeal, ChangePassword, ComplaintStep, CreateProposal, CreateThread, DecideAppeal, DeletePost,
    DeleteTemplate, EditPost, FileComplaint, Flag, GrantRole, JoinForum, MarkAllRead, Moderate, PublishProposal, Rate,
    Register, Reply, RevokeRole, SaveProfile, SaveTemplate, SetLanguage, SignIn, SignOut, Support,
    Suspend as SuspendAccount, WithdrawProposal,
};
use crate::components::layout::{Footer, Header};
use crate::error::AppError;
use crate::model::{Lang, SessionInfo};
use crate::pages::{
    account::{RegisterPage, SignInPage},
    admin::AdminPage,
    admin_area::AreaAdminPage,
    area::AreaPage,
    area_pick::AreaPickPage,
    complaint::{ComplaintPage, ComplaintsPage, NewComplaintPage},
    dashboard::DashboardPage,
    home::HomePage,
    moderation::{ModEntryPage, ModLogPage, ModQueuePage},
    not_found::NotFound,
    post::{EditPostPage, NewThreadPage, RevisionsPage},
    profile::ProfilePage,
    proposal::{DeskPage, NewProposalPage, ProposalPage, ProposalsPage, RecordPage},
    search::{NotificationsPage, SearchPage},
    settings::SettingsPage,
    thread::ThreadPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="modulepreload" href=format!("{pkg}.js")/>
                <link rel="preload" href=format!("{pkg}.wasm") r#as="fetch" r#type="application/wasm" crossorigin=""/>
                <script type="module" src="/boot.js"></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page-level actions, shared so that the header and pages see the same
/// submissions.
#[derive(Clone, Copy)]
pub struct Actions {
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub register: ServerAction<Register>,
    pub set_language: ServerAction<SetLanguage>,
    pub save_profile: ServerAction<SaveProfile>,
    pub change_password: ServerAction<ChangePassword>,
    pub grant_role: ServerAction<GrantRole>,
    pub revoke_role: ServerAction<RevokeRole>,
    pub create_thread: ServerAction<CreateThread>,
    pub reply: ServerAction<Reply>,
    pub edit_post: ServerAction<EditPost>,
    pub delete_post: ServerAction<DeletePost>,
    pub join_forum: ServerAction<JoinForum>,
    pub mark_read: ServerAction<MarkAllRead>,
    pub create_proposal: ServerAction<CreateProposal>,
    pub publish_proposal: ServerAction<PublishProposal>,
    pub withdraw_proposal: ServerAction<WithdrawProposal>,
    pub support: ServerAction<Support>,
    pub answer: ServerAction<Answer>,
    pub save_template: ServerAction<SaveTemplate>,
    pub delete_template: ServerAction<DeleteTemplate>,
    pub file_complaint: ServerAction<FileComplaint>,
    pub complaint_step: ServerAction<ComplaintStep>,
    pub rate: ServerAction<Rate>,
    pub flag: ServerAction<Flag>,
    pub moderate: ServerAction<Moderate>,
    pub suspend: ServerAction<SuspendAccount>,
    pub appeal: ServerAction<Appeal>,
    pub decide_appeal: ServerAction<DecideAppeal>,
}

pub type Session = Resource<Result<SessionInfo, AppError>>;

/// Counts successful actions that change what a signed-in page shows; page
/// data that depends on them is keyed on it.
#[derive(Clone, Copy)]
pub struct SessionEpoch(pub RwSignal<u32>);

/// The language the server rendered with: read from the request on the server
/// and from `<html lang>` in the browser, so both render the same text.
fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::server::request_ctx().lang
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
}

fn bump_on_success<S>(action: ServerAction<S>, epoch: RwSignal<u32>)
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            epoch.update(|e| *e += 1);
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = RwSignal::new(initial_lang());
    provide_context(lang);
    let actions = Actions {
        sign_in: ServerAction::new(),
        sign_out: ServerAction::new(),
        register: ServerAction::new(),
        set_language: ServerAction::new(),
        save_profile: ServerAction::new(),
        change_password: ServerAction::new(),
        grant_role: ServerAction::new(),
        revoke_role: ServerAction::new(),
        create_thread: ServerAction::new(),
        reply: ServerAction::new(),
        edit_post: ServerAction::new(),
        delete_post: ServerAction::new(),
        join_forum: ServerAction::new(),
        mark_read: ServerAction::new(),
        create_proposal: ServerAction::new(),
        publish_proposal: ServerAction::new(),
        withdraw_proposal: ServerAction::new(),
        support: ServerAction::new(),
        answer: ServerAction::new(),
        save_template: ServerAction::new(),
        delete_template: ServerAction::new(),
        file_complaint: ServerAction::new(),
        complaint_step: ServerAction::new(),
        rate: ServerAction::new(),
        flag: ServerAction::new(),
        moderate: ServerAction::new(),
        suspend: ServerAction::new(),
        appeal: ServerAction::new(),
        decide_appeal: ServerAction::new(),
    };
    provide_context(actions);
    // The session is fetched again after an action that may change it has
    // succeeded. Failures leave the page alone, so what was typed stays.
    let epoch = RwSignal::new(0u32);
    bump_on_success(actions.sign_in, epoch);
    bump_on_success(actions.sign_out, epoch);
    bump_on_success(actions.register, epoch);
    bump_on_success(actions.save_profile, epoch);
    bump_on_success(actions.change_password, epoch);
    bump_on_success(actions.grant_role, epoch);
    bump_on_success(actions.revoke_role, epoch);
    bump_on_success(actions.create_thread, epoch);
    bump_on_success(actions.reply, epoch);
    bump_on_success(actions.edit_post, epoch);
    bump_on_success(actions.delete_post, epoch);
    bump_on_success(actions.join_forum, epoch);
    bump_on_success(actions.mark_read, epoch);
    bump_on_success(actions.create_proposal, epoch);
    bump_on_success(actions.publish_proposal, epoch);
    bump_on_success(actions.withdraw_proposal, epoch);
    bump_on_success(actions.support, epoch);
    bump_on_success(actions.answer, epoch);
    bump_on_success(actions.save_template, epoch);
    bump_on_success(actions.delete_template, epoch);
    bump_on_success(actions.file_complaint, epoch);
    bump_on_success(actions.complaint_step, epoch);
    bump_on_success(actions.rate, epoch);
    bump_on_success(actions.flag, epoch);
    bump_on_success(actions.moderate, epoch);
    bump_on_success(actions.suspend, epoch);
    bump_on_success(actions.appeal, epoch);
    bump_on_success(actions.decide_appeal, epoch);
    provide_context(SessionEpoch(epoch));
    let session: Session = Resource::new_blocking(move || epoch.get(), |_| crate::api::get_session());
    provide_context(session);
    // With the wasm loaded, a language change re-renders in place.
    Effect::new(move |_| {
        if let Some(Ok(l)) = actions.set_language.value().get() {
            lang.set(l);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(l)) = actions.sign_in.value().get() {
            lang.set(l);
        }
    });

    view! {
        <Html {..} lang=move || lang.get().code()/>
        <Stylesheet id="leptos" href="/pkg/rembuk.css"/>
        <Router>
            {move || {
                // Everything re-renders in the new language when it changes.
                lang.track();
                view! {
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let _ = session.await;
                            view! { <Header/> }
                        })}
                    </Transition>
                    <main id="main" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                            <Route path=path!("/area/:id") view=AreaPage ssr=SsrMode::Async/>
                            <Route path=path!("/areas/pick") view=AreaPickPage ssr=SsrMode::Async/>
                            <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                            <Route path=path!("/u/:username") view=ProfilePage ssr=SsrMode::Async/>
                            <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                            <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                            <Route path=path!("/admin/areas") view=AreaAdminPage ssr=SsrMode::Async/>
                            <Route path=path!("/new") view=NewThreadPage ssr=SsrMode::Async/>
                            <Route path=path!("/t/:id") view=ThreadPage ssr=SsrMode::Async/>
                            <Route path=path!("/p/:id/edit") view=EditPostPage ssr=SsrMode::Async/>
                            <Route path=path!("/p/:id/revisions") view=RevisionsPage ssr=SsrMode::Async/>
                            <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                            <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals") view=ProposalsPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals/new") view=NewProposalPage ssr=SsrMode::Async/>
                            <Route path=path!("/proposals/:id") view=ProposalPage ssr=SsrMode::Async/>
                            <Route path=path!("/record") view=RecordPage ssr=SsrMode::Async/>
                            <Route path=path!("/desk") view=DeskPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints") view=ComplaintsPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints/new") view=NewComplaintPage ssr=SsrMode::Async/>
                            <Route path=path!("/complaints/:id") view=ComplaintPage ssr=SsrMode::Async/>
                            <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation") view=ModQueuePage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation/log") view=ModLogPage ssr=SsrMode::Async/>
                            <Route path=path!("/moderation/log/:id") view=ModEntryPage ssr=SsrMode::Async/>
                        </Routes>
                    </main>
                    <Footer/>
                }
            }}
        </Router>
    }
}
