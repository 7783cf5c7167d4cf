use crate::api::get_profile;
use crate::components::moderation::AccountTools;
use crate::components::{status::ErrorView, use_lang};
use crate::i18n::{area_kind, msg, role_name};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    let m = msg(lang);
    let params = use_params_map();
    let data = Resource::new_blocking(move || params.read().get("username").unwrap_or_default(), get_profile);
    view! {
        <Suspense fallback=move || view! { <p>{m.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => Either::Left(view! {
                        <Title text=format!("{} · Rembuk", p.display_name)/>
                        <h1>{p.display_name.clone()}</h1>
                        <p class="lead">"@"{p.username.clone()}</p>
                        {p.moderation.suspension.clone().map(|s| {
                            let mm = crate::i18n::moderation::mmsg(lang);
                            let text = match &s.until {
                                Some(t) => format!("{} {t}. {}: {}", mm.profile_suspended, mm.reason_word, s.reason),
                                None => format!("{}. {}: {}", mm.profile_banned, mm.reason_word, s.reason),
                            };
                            view! { <p class="notice">{text}</p> }
                        })}
                        <dl class="facts">
                            <dt>{m.profile_home}</dt>
                            <dd>
                                <a href=format!("/area/{}", p.home_area.id)>{p.home_area.name.clone()}</a>
                                {format!(" ({})", area_kind(lang, p.home_area.level, &p.home_area.kind_label))}
                            </dd>
                            <dt>{m.profile_joined}</dt>
                            <dd>{p.joined.clone()}</dd>
                            <dt>{m.profile_roles}</dt>
                            <dd>
                                {if p.roles.is_empty() {
                                    Either::Left(m.role_resident)
                                } else {
                                    Either::Right(view! {
                                        <ul class="plain">
                                            {p.roles.into_iter().map(|r| {
                                                let bound = r.agency_name.or(r.area_name).map(|b| format!(" — {b}")).unwrap_or_default();
                                                view! { <li>{role_name(lang, r.role)}{bound}</li> }
                                            }).collect_view()}
                                        </ul>
                                    })
                                }}
                            </dd>
                        </dl>
                        {p.moderation.can_suspend.then(|| view! {
                            <AccountTools username=p.username.clone() state=p.moderation.clone()/>
                        })}
                    }),
                    Err(e) => Either::Right(view! { <ErrorView error=e/> }),
                }
            })}
        </Suspense>
    }
}
