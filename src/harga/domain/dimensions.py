"""The registry of billable dimensions and the unit each one is published in."""

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """A published unit; every amount of a dimension is published in that dimension's unit."""

    PER_MTOK = "per_mtok"
    PER_KREQUEST = "per_krequest"
    PER_KCALL = "per_kcall"
    PER_IMAGE = "per_image"
    PER_SECOND = "per_second"
    PER_GB_HOUR = "per_gb_hour"
    PER_MTOK_HOUR = "per_mtok_hour"


@dataclass(frozen=True)
class Dimension:
    """One billable unit of usage, such as input tokens or web search calls."""

    key: str
    unit: Unit
    usage_field: str
    label_id: str
    label_en: str
    label_zh: str
    sort_order: int

    def label(self, locale: str) -> str:
        return {"id": self.label_id, "en": self.label_en, "zh": self.label_zh}.get(
            locale, self.label_en
        )


_DIMENSIONS = [
    Dimension("input", Unit.PER_MTOK, "input_tokens", "Input", "Input", "输入", 10),
    Dimension("output", Unit.PER_MTOK, "output_tokens", "Output", "Output", "输出", 20),
    Dimension(
        "cache_read", Unit.PER_MTOK, "cache_read_tokens", "Baca cache", "Cache read", "缓存读取", 30
    ),
    Dimension(
        "cache_write",
        Unit.PER_MTOK,
        "cache_write_tokens",
        "Tulis cache",
        "Cache write",
        "缓存写入",
        40,
    ),
    Dimension(
        "reasoning", Unit.PER_MTOK, "reasoning_tokens", "Token penalaran", "Reasoning", "推理", 50
    ),
    Dimension(
        "input_audio",
        Unit.PER_MTOK,
        "input_audio_tokens",
        "Input audio",
        "Audio input",
        "音频输入",
        60,
    ),
    Dimension(
        "output_audio",
        Unit.PER_MTOK,
        "output_audio_tokens",
        "Output audio",
        "Audio output",
        "音频输出",
        70,
    ),
    Dimension(
        "cache_read_audio",
        Unit.PER_MTOK,
        "cache_read_audio_tokens",
        "Baca cache audio",
        "Audio cache read",
        "音频缓存读取",
        75,
    ),
    Dimension(
        "input_image",
        Unit.PER_MTOK,
        "input_image_tokens",
        "Input gambar",
        "Image input",
        "图像输入",
        80,
    ),
    Dimension(
        "cache_read_image",
        Unit.PER_MTOK,
        "cache_read_image_tokens",
        "Baca cache gambar",
        "Image cache read",
        "图像缓存读取",
        85,
    ),
    Dimension(
        "output_image",
        Unit.PER_MTOK,
        "output_image_tokens",
        "Output gambar",
        "Image output",
        "图像输出",
        90,
    ),
    Dimension(
        "cache_read_image",
        Unit.PER_MTOK,
        "cache_read_image_tokens",
        "Baca cache gambar",
        "Image cache read",
        "图像缓存读取",
        91,
    ),
    Dimension(
        "input_video",
        Unit.PER_MTOK,
        "input_video_tokens",
        "Input video",
        "Video input",
        "视频输入",
        92,
    ),
    Dimension(
        "output_video",
        Unit.PER_MTOK,
        "output_video_tokens",
        "Output video",
        "Video output",
        "视频输出",
        93,
    ),
    Dimension(
        "citation",
        Unit.PER_MTOK,
        "citation_tokens",
        "Token sitasi",
        "Citation tokens",
        "引用令牌",
        95,
    ),
    # A generated image is `image`; this is an image sent to the model, priced per image.
    Dimension(
        "input_image_count",
        Unit.PER_IMAGE,
        "input_images",
        "Gambar input (per gambar)",
        "Input images (per image)",
        "输入图像（按张）",
        98,
    ),
    Dimension("image", Unit.PER_IMAGE, "images", "Gambar", "Image", "图像", 100),
    Dimension("request", Unit.PER_KREQUEST, "requests", "Permintaan", "Requests", "请求", 110),
    Dimension(
        "web_search", Unit.PER_KCALL, "web_searches", "Pencarian web", "Web search", "网络搜索", 120
    ),
    Dimension("x_search", Unit.PER_KCALL, "x_searches", "Pencarian X", "X search", "X 搜索", 121),
    Dimension(
        "code_execution",
        Unit.PER_KCALL,
        "code_executions",
        "Eksekusi kode",
        "Code execution",
        "代码执行",
        122,
    ),
    Dimension(
        "document_search",
        Unit.PER_KCALL,
        "document_searches",
        "Pencarian dokumen",
        "Document search",
        "文档搜索",
        123,
    ),
    Dimension(
        "collections_search",
        Unit.PER_KCALL,
        "collections_searches",
        "Pencarian koleksi",
        "Collections search",
        "集合搜索",
        124,
    ),
    Dimension(
        "audio_second",
        Unit.PER_SECOND,
        "audio_seconds",
        "Detik audio",
        "Audio seconds",
        "音频秒数",
        130,
    ),
    Dimension(
        "video_second",
        Unit.PER_SECOND,
        "video_seconds",
        "Detik video",
        "Video seconds",
        "视频秒数",
        140,
    ),
    Dimension(
        "storage_hour", Unit.PER_GB_HOUR, "storage_gb_hours", "Penyimpanan", "Storage", "存储", 150
    ),
    Dimension(
        "cache_storage",
        Unit.PER_MTOK_HOUR,
        "cache_storage_mtok_hours",
        "Penyimpanan cache",
        "Cache storage",
        "缓存存储",
        45,
    ),
    Dimension(
        "citation",
        Unit.PER_MTOK,
        "citation_tokens",
        "Token sitasi",
        "Citation tokens",
        "引用令牌",
        55,
    ),
]

DIMENSIONS: dict[str, Dimension] = {d.key: d for d in _DIMENSIONS}

# Every offer shows these rows, as "pending" when no source states them, so a reader can tell
# "nobody checked" from "not offered". Batch is the input and output price at the batch tier.
CORE_DIMENSIONS = ("input", "output", "cache_read")
CORE_BATCH_DIMENSIONS = ("input", "output")


class UnknownDimension(ValueError):
    """A source named a dimension that is not in the registry."""


def get_dimension(key: str) -> Dimension:
    try:
        return DIMENSIONS[key]
    except KeyError:
        known = ", ".join(sorted(DIMENSIONS))
        raise UnknownDimension(f"unknown dimension {key!r}; expected one of: {known}") from None
