"""The registry of model facts: provider-agnostic properties that sources state."""

from dataclasses import dataclass
from enum import StrEnum


class FactType(StrEnum):
    TOKENS = "tokens"
    BOOLEAN = "boolean"
    DATE = "date"
    TEXT = "text"
    LIST = "list"


@dataclass(frozen=True)
class FactSpec:
    key: str
    type: FactType
    label_id: str
    label_en: str
    label_zh: str

    def label(self, locale: str) -> str:
        return {"id": self.label_id, "en": self.label_en, "zh": self.label_zh}.get(
            locale, self.label_en
        )


_FACTS = [
    FactSpec("name", FactType.TEXT, "Nama", "Name", "名称"),
    FactSpec("description", FactType.TEXT, "Deskripsi", "Description", "描述"),
    FactSpec("context_window", FactType.TOKENS, "Jendela konteks", "Context window", "上下文窗口"),
    FactSpec("max_output_tokens", FactType.TOKENS, "Output maks.", "Max output tokens", "最大输出"),
    FactSpec("input_modalities", FactType.LIST, "Modalitas input", "Input modalities", "输入模态"),
    FactSpec(
        "output_modalities", FactType.LIST, "Modalitas output", "Output modalities", "输出模态"
    ),
    FactSpec(
        "knowledge_cutoff", FactType.DATE, "Batas pengetahuan", "Knowledge cutoff", "知识截止"
    ),
    FactSpec("release_date", FactType.DATE, "Tanggal rilis", "Release date", "发布日期"),
    FactSpec("reasoning", FactType.BOOLEAN, "Model penalaran", "Reasoning model", "推理模型"),
    FactSpec("open_weights", FactType.BOOLEAN, "Bobot terbuka", "Open weights", "开放权重"),
    FactSpec("mode", FactType.TEXT, "Jenis API", "API mode", "接口类型"),
    FactSpec("tool_call", FactType.BOOLEAN, "Pemanggilan alat", "Tool calling", "工具调用"),
    FactSpec("vision", FactType.BOOLEAN, "Visi", "Vision", "视觉"),
    FactSpec("prompt_caching", FactType.BOOLEAN, "Cache prompt", "Prompt caching", "提示缓存"),
    FactSpec(
        "structured_output",
        FactType.BOOLEAN,
        "Output terstruktur",
        "Structured output",
        "结构化输出",
    ),
    FactSpec("web_search", FactType.BOOLEAN, "Pencarian web", "Web search", "网络搜索"),
]

FACTS: dict[str, FactSpec] = {f.key: f for f in _FACTS}

# Facts shown as capabilities on the model page, in this order.
CAPABILITY_FACTS = ("tool_call", "vision", "prompt_caching", "structured_output", "web_search")
