//! The component: a page-view counter that remembers the most viewed page,
//! written against any `redis::ConnectionLike` with the redis crate's own
//! `Commands`, as a service would be. It does not know it is recorded.

use redis::{Commands, ConnectionLike, RedisResult};

/// What a visit saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// The page's views, this one included.
    pub views: u64,
    /// The most viewed page so far.
    pub top: String,
}

/// How long a page's counter lives, in seconds.
pub const TTL: i64 = 3600;

/// Counts a view of `page` on `con`; a counter lives `ttl` seconds from its
/// first view.
pub fn visit(con: &mut impl ConnectionLike, page: &str, ttl: i64) -> RedisResult<Visit> {
    let key = format!("views:{page}");
    let views: u64 = con.incr(&key, 1)?;
    if views == 1 {
        let _: bool = con.expire(&key, ttl)?;
    }
    let top: Option<String> = con.get("top:page")?;
    let top = match top {
        Some(top) if top != page => {
            let top_views: Option<u64> = con.get(format!("views:{top}"))?;
            if views > top_views.unwrap_or(0) {
                page.to_owned()
            } else {
                top
            }
        }
        _ => page.to_owned(),
    };
    let _: () = con.set("top:page", &top)?;
    Ok(Visit { views, top })
}
